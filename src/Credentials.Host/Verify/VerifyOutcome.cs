using Credentials.Scanning;
using Credentials.Verification;

namespace Credentials.Host.Verify;

/// <summary>What came of one verify request: QR reports, a presentation's report, or a refusal of the input before anything was verified.</summary>
internal abstract record VerifyOutcome(InputKind Kind)
{
    /// <summary>Every QR code of the input verified, in the order found (one for QR text, every distinct code of an image or PDF).</summary>
    public sealed record Verified(InputKind Kind, IReadOnlyList<VerificationReport> Reports) : VerifyOutcome(Kind);

    /// <summary>An SD-JWT VC presentation verified: its report in the format-neutral shape of export schema 2.0.</summary>
    public sealed record Presented(InputKind Kind, VerificationRecord Record) : VerifyOutcome(Kind);

    /// <summary>Nothing to verify: the problem, with its one-line reason (it never quotes the input).</summary>
    public sealed record Refused(InputKind Kind, VerifyProblem Problem, string Reason) : VerifyOutcome(Kind);
}
