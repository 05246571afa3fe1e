namespace Credentials.Host;

/// <summary>
/// A server that cannot start: a bad address to listen on, an address in use, a missing or unusable input file.
/// The message is one line naming the option or file and what is wrong.
/// </summary>
public sealed class ServerStartException : Exception
{
    public ServerStartException(string message)
        : base(message)
    {
    }

    public ServerStartException()
    {
    }

    public ServerStartException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
