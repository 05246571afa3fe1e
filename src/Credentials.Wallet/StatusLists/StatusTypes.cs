namespace Credentials.Wallet.StatusLists;

/// <summary>The Status Type values of draft-ietf-oauth-status-list-21 §7.1 that we write and read.</summary>
public static class StatusTypes
{
    /// <summary>0x00 VALID: the credential is valid.</summary>
    public const byte Valid = 0x00;

    /// <summary>0x01 INVALID: the credential is revoked (final).</summary>
    public const byte Invalid = 0x01;

    /// <summary>0x02 SUSPENDED: the credential is temporarily invalid; it needs 2 bits or more.</summary>
    public const byte Suspended = 0x02;

    /// <summary>0x03: application specific (§7.1; so are 0x0C to 0x0F). We give it no meaning.</summary>
    public const byte ApplicationSpecific = 0x03;
}
