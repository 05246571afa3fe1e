using Credentials.Host.TrustData;
using Credentials.Model;
using Credentials.Scanning;
using Credentials.Status;
using Credentials.Verification;
using Microsoft.Extensions.Logging;

namespace Credentials.Host.Verify;

/// <summary>
/// The one way the page and the API verify: the input recognised by its content (<see cref="VerifierInput.Read"/>),
/// every QR code in it verified in the eight steps (<see cref="QrTokenVerifier.VerifyAsync"/>) against the current
/// trust data with the status checkers, and one log line per input that says what kind it was and what came of it,
/// never what it held. Thread-safe; one instance serves the application.
/// </summary>
internal sealed partial class VerificationService(TrustView trust, IStatusChecker status, VerifierOptions options, TimeProvider time, ILogger<VerificationService> log)
{
    /// <summary>The most QR codes one input may hold: each may need a status list downloaded.</summary>
    public const int MaxCodesPerInput = 10;

    /// <summary>Today in the verifier's time zone: the default treatment date.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.TimeZone ?? time.LocalTimeZone).DateTime);

    /// <summary>Verifies what was sent; never throws for bad input.</summary>
    public async Task<VerifyOutcome> VerifyAsync(ReadOnlyMemory<byte> input, DateOnly? treatmentDate, CancellationToken cancellationToken)
    {
        var started = time.GetTimestamp();
        var read = VerifierInput.Read(input.Span);
        switch (read)
        {
            case QrCodeInput codes when codes.QrTexts.Count > MaxCodesPerInput:
                LogRefused(log, read.Kind, VerifyProblem.TooManyCodes);
                return new VerifyOutcome.Refused(read.Kind, VerifyProblem.TooManyCodes, $"the input holds {codes.QrTexts.Count} QR codes, more than the {MaxCodesPerInput} verified at once: send each document alone");
            case QrCodeInput codes:
                var verifier = new QrTokenVerifier(trust.Current, time, status, options);
                var reports = new List<VerificationReport>(codes.QrTexts.Count);
                foreach (var text in codes.QrTexts)
                {
                    var report = await verifier.VerifyAsync(text, treatmentDate, cancellationToken).ConfigureAwait(false);
                    reports.Add(report);
                    var failed = report.FailedStep;
                    var code = failed?.Code?.ToWireName() ?? "-";
                    var milliseconds = time.GetElapsedTime(started).TotalMilliseconds;
                    LogVerified(log, read.Kind, report.Conclusion, failed is null ? 0 : (int)failed.Step, code, milliseconds);
                }

                return new VerifyOutcome.Verified(read.Kind, reports);
            case SdJwtPresentationInput:
                // The wallet verifier (SD-JWT VC) joins here; until then a presentation is named for what it is.
                LogRefused(log, read.Kind, VerifyProblem.UnsupportedInput);
                return new VerifyOutcome.Refused(read.Kind, VerifyProblem.UnsupportedInput, "this is an SD-JWT presentation from a wallet: this host verifies the QR codes of documents (the QR text, a photo of the code, or the PDF)");
            case RefusedInput refused:
                var problem = refused.Refusal switch
                {
                    InputRefusal.Empty => VerifyProblem.EmptyInput,
                    InputRefusal.TooLarge => VerifyProblem.TooLarge,
                    InputRefusal.CompactJws => VerifyProblem.CompactJws,
                    InputRefusal.Unreadable => VerifyProblem.Unreadable,
                    InputRefusal.NoQrCode => VerifyProblem.NoQrCode,
                    _ => VerifyProblem.UnsupportedInput,
                };
                LogRefused(log, read.Kind, problem);
                return new VerifyOutcome.Refused(read.Kind, problem, refused.Reason);
            default:
                throw new InvalidOperationException($"an input of kind {read.Kind} has no case here.");
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Verified an input of kind {Kind}: {Conclusion}, stopped at step {FailedStep} ({Code}), {Milliseconds:0.0} ms.")]
    private static partial void LogVerified(ILogger logger, InputKind kind, Conclusion conclusion, int failedStep, string code, double milliseconds);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Refused an input of kind {Kind}: {Problem}.")]
    private static partial void LogRefused(ILogger logger, InputKind kind, VerifyProblem problem);
}
