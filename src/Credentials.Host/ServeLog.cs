using Microsoft.Extensions.Logging;

namespace Credentials.Host;

/// <summary>The host's own log lines about its start (what it trusts); never personal data.</summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Trusting {Source}.")]
    public static partial void Trusting(ILogger logger, string source);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Trusting {Source}: a throwaway test PKI made at start, its key in memory only. It verifies test documents, never real ones; import a registry ('credentials registry import FILE') or set Credentials:Trust:Registry.")]
    public static partial void TestIssuer(ILogger logger, string source);
}
