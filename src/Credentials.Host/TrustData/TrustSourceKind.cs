namespace Credentials.Host.TrustData;

/// <summary>Where the host's trust data comes from.</summary>
internal enum TrustSourceKind
{
    /// <summary>A registry database, followed as imports and syncs change it.</summary>
    Database,

    /// <summary>A signed snapshot or a resolver-shaped list in a file, read again when the file changes.</summary>
    File,

    /// <summary>A signed snapshot or a resolver-shaped list at an http(s) address, read at start.</summary>
    Address,

    /// <summary>The test issuer generated at start: its key is in memory only, and it trusts nothing else.</summary>
    TestIssuer,
}
