using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Verification;

/// <summary>
/// Everything a verification found, immutable: every step run, the conclusion, and each intermediate that was
/// reached (the QR text, the token, the header, the payload), so a failure can be diagnosed where it broke.
/// </summary>
public sealed record VerificationReport
{
    /// <summary>Approved or rejected (spec §5 step 8).</summary>
    public required Conclusion Conclusion { get; init; }

    /// <summary>The steps run, in order, ending with step 8 (the conclusion). Steps after a NOT PASSED are not run.</summary>
    public required IReadOnlyList<StepOutcome> Steps { get; init; }

    /// <summary>The treatment date checked, when it was valid.</summary>
    public DateOnly? TreatmentDate { get; init; }

    /// <summary>When the verification was made: the clock read once for the whole verification (spec §7, block 2).</summary>
    public required DateTimeOffset VerifiedAt { get; init; }

    /// <summary>When the trust data used was last updated, when known (spec §5, "Offline").</summary>
    public DateTimeOffset? TrustDataAsOf { get; init; }

    /// <summary>The Base45 text as scanned.</summary>
    public required string QrText { get; init; }

    /// <summary>The compact JWS as ASCII bytes, when decoding reached it.</summary>
    public ReadOnlyMemory<byte>? TokenAscii { get; init; }

    /// <summary>The compact JWS, when decoding reached it.</summary>
    public string? Token => TokenAscii is { } ascii ? System.Text.Encoding.ASCII.GetString(ascii.Span) : null;

    /// <summary>The JWS header, when the token reached step 3 and its header was valid.</summary>
    public JwsHeader? Header { get; init; }

    /// <summary>The payload, when it was valid (it is authentic only when <see cref="Conclusion"/> is Approved).</summary>
    public QrTokenPayload? Payload { get; init; }

    /// <summary>The document, when the payload was valid (authentic only when <see cref="Conclusion"/> is Approved).</summary>
    public Documents.HealthInsuranceDocument? Document => Payload?.Document;

    /// <summary>The payload exactly as signed (UTF-8 JSON), when it was valid.</summary>
    public ReadOnlyMemory<byte>? PayloadUtf8 { get; init; }

    /// <summary>The payload JSON exactly as signed, when it was valid.</summary>
    public string? PayloadJson => PayloadUtf8 is { } utf8 ? System.Text.Encoding.UTF8.GetString(utf8.Span) : null;

    /// <summary>The signer, when the key was resolved.</summary>
    public IssuerSummary? Issuer { get; init; }

    /// <summary>The verifier's identity as configured (spec §7, block 2), e.g. a hospital's name.</summary>
    public string? VerifierName { get; init; }

    /// <summary>Whether the document was approved.</summary>
    public bool IsApproved => Conclusion == Conclusion.Approved;

    /// <summary>The step that rejected the document, if any.</summary>
    public StepOutcome? FailedStep => Steps.FirstOrDefault(s => s.Step != VerificationStep.Conclusion && s.Rejects);

    /// <summary>The outcome of a step, or null when it was not run (steps after a NOT PASSED are not).</summary>
    public StepOutcome? Step(VerificationStep step) => Steps.FirstOrDefault(s => s.Step == step);
}
