namespace Credentials.Cli;

/// <summary>The exit codes of <c>credentials</c>, the same for every command.</summary>
public static class ExitCodes
{
    /// <summary>Done: the document was issued, or verified and approved.</summary>
    public const int Success = 0;

    /// <summary>The document was verified and rejected, or the request was refused as invalid.</summary>
    public const int Rejected = 1;

    /// <summary>Unusable input (a missing or unreadable file, no QR code, a bad key) or a usage error.</summary>
    public const int UnusableInput = 2;
}
