using Credentials.Host.TrustData;
using Credentials.Model;
using Credentials.Scanning;
using Credentials.Status;
using Credentials.Verification;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Microsoft.Extensions.Logging;

namespace Credentials.Host.Verify;

/// <summary>
/// The one way the page and the API verify: the input recognised by its content (<see cref="VerifierInput.Read"/>),
/// every QR code in it verified in the eight steps (<see cref="QrTokenVerifier.VerifyAsync"/>), or an SD-JWT VC
/// presentation by the wallet verifier (<see cref="WalletCredentialVerifier"/>), against the current trust data with
/// the status checkers, and one log line per input that says what kind it was and what came of it, never what it
/// held. Thread-safe; one instance serves the application.
/// </summary>
internal sealed partial class VerificationService(TrustView trust, IStatusChecker status, VerifierOptions options, IPresentationNonces nonces, TimeProvider time, ILogger<VerificationService> log)
{
    /// <summary>The nonces this host gives for key binding.</summary>
    public IPresentationNonces Nonces => nonces;

    /// <summary>Verifies what was sent, a presentation without an audience and nonce to expect; never throws for bad input.</summary>
    public Task<VerifyOutcome> VerifyAsync(ReadOnlyMemory<byte> input, DateOnly? treatmentDate, CancellationToken cancellationToken) =>
        VerifyAsync(input, treatmentDate, null, cancellationToken);

    /// <summary>The most QR codes one input may hold: each may need a status list downloaded.</summary>
    public const int MaxCodesPerInput = 10;

    /// <summary>Today in the verifier's time zone: the default treatment date.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.TimeZone ?? time.LocalTimeZone).DateTime);

    /// <summary>
    /// Verifies what was sent; never throws for bad input. A presentation's key binding is checked against
    /// <paramref name="keyBinding"/>: this host's audience and a nonce it gave (used up here).
    /// </summary>
    public async Task<VerifyOutcome> VerifyAsync(ReadOnlyMemory<byte> input, DateOnly? treatmentDate, PresentationRequest? keyBinding, CancellationToken cancellationToken)
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
                    LogOutcome(log, read.Kind, report.Conclusion, failed is null ? 0 : (int)failed.Step, code, milliseconds);
                }

                return new VerifyOutcome.Verified(read.Kind, reports);
            case SdJwtPresentationInput presentation:
                return await VerifyPresentationAsync(presentation, treatmentDate, keyBinding, started, cancellationToken).ConfigureAwait(false);
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

    private async Task<VerifyOutcome> VerifyPresentationAsync(SdJwtPresentationInput input, DateOnly? treatmentDate, PresentationRequest? keyBinding, long started, CancellationToken cancellationToken)
    {
        KeyBindingExpectation? expectation = null;
        if (keyBinding?.Nonce is { Length: > 0 } nonce)
        {
            // RFC 9901 §7.3 step 5.6 and §11.6: the nonce must be this host's and fresh; it is used up by this attempt.
            if (nonce.Length > 64 || !nonces.TryConsume(nonce))
            {
                LogRefused(log, input.Kind, VerifyProblem.BadNonce);
                return new VerifyOutcome.Refused(input.Kind, VerifyProblem.BadNonce, "the nonce is not one this host gave, has expired, or was used already: ask for a fresh one (the verify page shows it; POST /api/v1/verify/nonce gives one)");
            }

            expectation = new KeyBindingExpectation(keyBinding.Audience, nonce);
        }

        // Key binding is the policy's to require, never inferred from the presentation: this host accepts a
        // presentation without it (the report says so) and checks one that has it against its audience and nonce.
        var verifier = new WalletCredentialVerifier(trust.Current, time, status, new WalletVerifierOptions
        {
            RequireKeyBinding = false,
            RequireKnownStatus = options.RequireKnownStatus,
            TimeZone = options.TimeZone,
        });
        var report = await verifier.VerifyAsync(input.Presentation, expectation, treatmentDate, cancellationToken).ConfigureAwait(false);
        var failed = report.FailedStep;
        var code = failed?.Code ?? "-";
        var milliseconds = time.GetElapsedTime(started).TotalMilliseconds;
        LogOutcome(log, input.Kind, report.Conclusion, failed is null ? 0 : (int)failed.Step, code, milliseconds);
        return new VerifyOutcome.Presented(input.Kind, report.ToRecord(input.Presentation, options.VerifierName));
    }

    /// <summary>A verification that stopped at no step says so plainly, without a step 0.</summary>
    private static void LogOutcome(ILogger logger, InputKind kind, Conclusion conclusion, int failedStep, string code, double milliseconds)
    {
        if (failedStep == 0)
        {
            LogPassed(logger, kind, conclusion, milliseconds);
        }
        else
        {
            LogVerified(logger, kind, conclusion, failedStep, code, milliseconds);
        }
    }

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "Verified an input of kind {Kind}: {Conclusion}, {Milliseconds:0.0} ms.")]
    private static partial void LogPassed(ILogger logger, InputKind kind, Conclusion conclusion, double milliseconds);

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "Verified an input of kind {Kind}: {Conclusion}, stopped at step {FailedStep} ({Code}), {Milliseconds:0.0} ms.")]
    private static partial void LogVerified(ILogger logger, InputKind kind, Conclusion conclusion, int failedStep, string code, double milliseconds);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Refused an input of kind {Kind}: {Problem}.")]
    private static partial void LogRefused(ILogger logger, InputKind kind, VerifyProblem problem);
}
