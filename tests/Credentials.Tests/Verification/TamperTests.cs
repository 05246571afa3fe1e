using Credentials.Tests.Support;
using Credentials.Verification;
using Credentials.WireFormat;

namespace Credentials.Tests.Verification;

/// <summary>
/// Single-character substitutions of a valid document, at every position: never a crash, and never an approval
/// of anything but the exact token the issuer signed.
/// </summary>
public sealed class TamperTests
{
    private const string Base45Alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    private const string OutsideBase45 = "a\u00e9\n\0";

    public static TheoryData<string> Algorithms => new() { "ES256", "RS256" };

    /// <remarks>
    /// Deflate (RFC 1951) is not canonical: the padding bits after the final end-of-block code are ignored, and a
    /// back-reference may point at any earlier copy of the same bytes. A handful of substitutions (about one in
    /// ten thousand) therefore land in that slack and inflate to the byte-identical signed token, which is then
    /// rightly approved: the document is unaltered. Rejecting them would require one particular encoder's
    /// output and so reject other issuers' valid QR codes (the EC's own example is not .NET's deflate output).
    /// The test asserts exactly that: any approval is of the identical token, and such cases stay rare.
    /// </remarks>
    [Theory]
    [MemberData(nameof(Algorithms))]
    public void No_substitution_in_the_QR_text_is_approved_unless_it_inflates_to_the_identical_signed_token(string algorithm)
    {
        using var scenario = algorithm == "RS256" ? Scenario.Rs256() : Scenario.Es256();
        var issued = scenario.IssueValid();
        var qr = issued.QrText;
        var verifier = scenario.Verifier();
        ReportAssert.Approved(verifier.Verify(qr, Scenario.Today));

        var variants = 0;
        var identicalToken = 0;
        var rejectedAt = new Dictionary<VerificationStep, int>();
        for (var position = 0; position < qr.Length; position++)
        {
            foreach (var replacement in Base45Alphabet + OutsideBase45)
            {
                if (replacement == qr[position])
                {
                    continue;
                }

                variants++;
                var tampered = string.Concat(qr.AsSpan(0, position), [replacement], qr.AsSpan(position + 1));
                var report = verifier.Verify(tampered, Scenario.Today);
                if (report.IsApproved)
                {
                    Assert.True(report.Token == issued.Token, $"substituting '{replacement}' at {position} was approved with an altered token");
                    identicalToken++;
                    continue;
                }

                var step = report.FailedStep!.Step;
                rejectedAt[step] = rejectedAt.GetValueOrDefault(step) + 1;
            }
        }

        Assert.Equal(qr.Length * (Base45Alphabet.Length + OutsideBase45.Length - 1), variants);
        Assert.True(identicalToken <= variants / 1000, $"{identicalToken} of {variants} substitutions inflated to the identical token");
        // Most damage is caught while decoding (alphabet, Base45 range, zlib checksum); the rest fails the signature.
        Assert.True(rejectedAt.GetValueOrDefault(VerificationStep.Decode) > variants / 2, string.Join(", ", rejectedAt));
        Assert.All(rejectedAt.Keys, step => Assert.True(step is VerificationStep.Decode or VerificationStep.Validate or VerificationStep.ResolveKey, $"rejected at {step}"));
    }

    [Theory]
    [MemberData(nameof(Algorithms))]
    public void No_substitution_in_the_signed_token_itself_is_ever_approved(string algorithm)
    {
        // The token is what the signature covers: here every change is a change to the signed document.
        using var scenario = algorithm == "RS256" ? Scenario.Rs256() : Scenario.Es256();
        var token = scenario.IssueValid().Token;
        var verifier = scenario.Verifier();
        const string Replacements = "AZaz09-_.=";
        var variants = 0;
        for (var position = 0; position < token.Length; position++)
        {
            foreach (var replacement in Replacements)
            {
                if (replacement == token[position])
                {
                    continue;
                }

                var tampered = string.Concat(token.AsSpan(0, position), [replacement], token.AsSpan(position + 1));
                var report = verifier.Verify(QrTextCodec.Encode(tampered), Scenario.Today);
                Assert.False(report.IsApproved, $"substituting '{replacement}' at {position} of the token was approved");
                variants++;
            }
        }

        Assert.True(variants > token.Length * 8);
    }
}
