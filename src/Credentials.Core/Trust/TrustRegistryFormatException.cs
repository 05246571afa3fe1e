namespace Credentials.Trust;

/// <summary>A registry document that cannot be read: the message names the place (e.g. <c>issuers[3].certificates[0]</c>) and the problem.</summary>
public sealed class TrustRegistryFormatException : FormatException
{
    public TrustRegistryFormatException(string message)
        : base(message)
    {
    }

    public TrustRegistryFormatException()
    {
    }

    public TrustRegistryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
