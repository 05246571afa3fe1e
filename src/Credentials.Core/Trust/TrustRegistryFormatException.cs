namespace Credentials.Trust;

/// <summary>A registry document that cannot be read: the message names the place (e.g. <c>issuers[3].certificates[0]</c>) and the problem.</summary>
public sealed class TrustRegistryFormatException : FormatException
{
    /// <summary>A registry document that cannot be read, the message naming the place and the problem.</summary>
    public TrustRegistryFormatException(string message)
        : base(message)
    {
    }

    /// <summary>The standard constructor (CA1032); the library always says where and why.</summary>
    public TrustRegistryFormatException()
    {
    }

    /// <summary>The standard constructor (CA1032), with the cause.</summary>
    public TrustRegistryFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
