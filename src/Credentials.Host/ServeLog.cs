using Microsoft.Extensions.Logging;

namespace Credentials.Host;

/// <summary>The host's own log lines about its start (what it trusts); never personal data.</summary>
internal static partial class ServeLog
{
    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Trusting {Source}.")]
    public static partial void Trusting(ILogger logger, string source);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Trusting {Source}: a throwaway test PKI made at start, its key in memory only. It verifies test documents, never real ones; import a registry ('credentials registry import FILE') or set Credentials:Trust:Registry.")]
    public static partial void TestIssuer(ILogger logger, string source);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "The data-protection key ring (and with it the sign-in cookies' and the access-token keys' protection) is stored unencrypted in {Location}: whoever reads that database reads the keys. Set Credentials:DataProtection:Certificate to a PFX file (see the README).")]
    public static partial void KeyRingUnencrypted(ILogger logger, string location);
}
