using Credentials.Verification;

namespace Credentials.Tests.Support;

/// <summary>The verifier's whole path (status step included) run to its end, for tests that read the report.</summary>
internal static class VerifierExtensions
{
    public static VerificationReport Verify(this QrTokenVerifier verifier, string qrText, DateOnly? treatmentDate = null) =>
        verifier.VerifyAsync(qrText, treatmentDate).GetAwaiter().GetResult();
}
