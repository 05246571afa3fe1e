using System.Text.Json.Nodes;
using Credentials.Issuance;
using Credentials.Issuance.Keys;
using Credentials.Scanning;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.Verification;
using Credentials.WireFormat;

namespace Credentials.Tests.Vectors;

/// <summary>Our own published vectors (specs/vectors/prc-es256, prc-rs256): each file is checked against the others.</summary>
public sealed class PublishedVectorTests
{
    private static readonly DateOnly TreatmentDate = new(2026, 7, 1);

    public static TheoryData<string> Vectors => new() { "prc-es256", "prc-rs256" };

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_QR_text_inflates_to_the_token(string vector)
    {
        Assert.Equal(Read(vector, "token.jwt"), QrTextCodec.Decode(Read(vector, "qr.base45.txt")));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_QR_image_holds_the_QR_text(string vector)
    {
        Assert.Equal(Read(vector, "qr.base45.txt"), QrCodeReader.Read(File.ReadAllBytes(Repository.Vectors(vector, "qr.png"))));
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void Verifying_gives_the_expected_report(string vector)
    {
        // The registry file carries no date; the verifier is told it was fetched an hour before (--trust-as-of).
        var clock = Clock.At(2026, 11, 28);
        var registry = new Credentials.Trust.TrustRegistry(ResolverListFormat.Read(File.ReadAllBytes(Repository.Vectors(vector, "registry.json"))), clock.GetUtcNow().AddHours(-1));
        var offline = new Credentials.Revocation.RevocationListChecker(null, registry, clock, new Credentials.Revocation.RevocationCheckerOptions { Offline = true });
        var report = new QrTokenVerifier(registry, clock, offline).Verify(Read(vector, "qr.base45.txt"), TreatmentDate);
        var actual = Normalise(JsonNode.Parse(VerificationExport.ToJson(report))!);
        var expected = Normalise(JsonNode.Parse(Read(vector, "expected-report.json"))!);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"expected {expected}\nactual {actual}");
        Assert.True(report.IsApproved);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void The_token_carries_the_request_and_is_signed_by_the_vector_key(string vector)
    {
        using var identity = SigningKeyLoader.Load(Repository.Vectors(vector, "signer.key.pem"), Repository.Vectors(vector, "signer.cert.pem"), null);
        var issuer = new QrTokenIssuer(identity, Clock.At(2026, 6, 15));
        var issued = issuer.Issue(File.ReadAllBytes(Repository.Vectors(vector, "request.json")));
        Assert.True(issued.Succeeded);
        using var ours = JwsCompact.Parse(issued.Document!.Token);
        using var published = JwsCompact.Parse(Read(vector, "token.jwt"));
        Assert.Equal(published.Text[..published.SigningInputLength], ours.Text[..ours.SigningInputLength]);
        if (identity.Algorithm == JwsAlgorithm.RS256)
        {
            // RSASSA-PKCS1-v1_5 is deterministic: the whole token is reproduced byte for byte.
            Assert.Equal(Read(vector, "token.jwt"), issued.Document.Token);
        }
    }

    [Fact]
    public void The_RS256_vector_is_reproduced_to_the_last_character_of_its_QR_text()
    {
        // RSASSA-PKCS1-v1_5 is deterministic and the runtime's zlib gives the same bytes for the same input: issuing
        // the vector's request with its key gives exactly its QR text, on any machine with the .NET that global.json names.
        using var signer = SigningKeyLoader.Load(Repository.Vectors("prc-rs256", "signer.key.pem"), Repository.Vectors("prc-rs256", "signer.cert.pem"), null);
        var issued = new QrTokenIssuer(signer, Clock.At(2026, 6, 15)).Issue(File.ReadAllBytes(Repository.Vectors("prc-rs256", "request.json")));
        Assert.Equal(Read("prc-rs256", "qr.base45.txt"), issued.Document!.QrText);
    }

    [Theory]
    [MemberData(nameof(Vectors))]
    public void QR_texts_issued_by_earlier_releases_still_verify(string vector)
    {
        // These were compressed by an earlier release's zlib (level 6, header 78 9C): any conforming stream is read.
        var earlier = File.ReadAllText(Path.Combine(Repository.Root, "tests", "Credentials.Tests", "Vectors", "Earlier", vector + ".qr.base45.txt")).TrimEnd('\n');
        Assert.NotEqual(Read(vector, "qr.base45.txt"), earlier);
        var clock = Clock.At(2026, 11, 28);
        var registry = new Credentials.Trust.TrustRegistry(ResolverListFormat.Read(File.ReadAllBytes(Repository.Vectors(vector, "registry.json"))), clock.GetUtcNow().AddHours(-1));
        var report = new QrTokenVerifier(registry, clock).VerifyOffline(earlier, TreatmentDate);
        Assert.True(report.IsApproved, string.Join("\n", report.Steps.Select(step => step.Message)));
        Assert.Equal(Credentials.WireFormat.QrTextCodec.Decode(earlier)[..40], Read(vector, "token.jwt")[..40]);
    }

    /// <summary>verifiedAt and the software version change from run to run and release to release.</summary>
    private static JsonNode Normalise(JsonNode export)
    {
        export["verifiedAt"] = "(any)";
        if (export["trustData"] is JsonObject trustData)
        {
            trustData["asOf"] = "(any)";
        }

        export["verifier"]!["software"] = "(any)";
        return export;
    }

    private static string Read(string vector, string file) => Repository.ReadText(Repository.Vectors(vector, file)).TrimEnd('\n');
}
