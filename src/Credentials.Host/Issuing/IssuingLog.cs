using Microsoft.Extensions.Logging;

namespace Credentials.Host.Issuing;

/// <summary>The insurer side's log lines: which institutions the host signs for, jobs, list renewals; never personal data.</summary>
internal static partial class IssuingLog
{
    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Signing for {Institutions} ({Keys} key(s)).")]
    public static partial void SigningFor(ILogger logger, string institutions, int keys);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "Signing as the generated TEST issuer {Institution}: its key lives in memory only and is gone at the next start; what it signs verifies only on a host trusting it. Configure Credentials:Signing:Institutions to issue real documents.")]
    public static partial void TestIssuer(ILogger logger, string institution);

    [LoggerMessage(EventId = 22, Level = LogLevel.Information, Message = "No signing key is configured (Credentials:Signing:Institutions): this host issues nothing.")]
    public static partial void NotSigning(ILogger logger);
}
