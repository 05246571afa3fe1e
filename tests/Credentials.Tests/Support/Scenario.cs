using System.Text;
using System.Text.Json.Nodes;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Trust;
using Credentials.Verification;
using Credentials.WireFormat;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Tests.Support;

/// <summary>
/// A test PKI with a signer for BE:0120 and a registry that knows it, on a fixed clock (2026-06-15), with helpers
/// to issue and verify and to forge payloads that break one rule at a time.
/// </summary>
internal sealed class Scenario : IDisposable
{
    public static readonly DateOnly Today = new(2026, 6, 15);

    private Scenario(bool rsa)
    {
        Demo = DemoScenario.Create(Today, rsa);
        Clock = Credentials.Testing.Clock.At(Today);
        Issuer = new QrTokenIssuer(Demo.Signer, Clock);
    }

    public DemoScenario Demo { get; }

    public FakeTimeProvider Clock { get; }

    public QrTokenIssuer Issuer { get; }

    public string Kid => EessiKeyId.FromCertificate(Demo.Signer.Certificate).ToString();

    public static Scenario Es256() => new(rsa: false);

    public static Scenario Rs256() => new(rsa: true);

    public QrTokenVerifier Verifier(ITrustRegistry? registry = null, Credentials.Status.IStatusChecker? revocation = null) =>
        new(registry ?? Demo.Registry, Clock, revocation);

    /// <summary>A valid payload (sd = 2026-06-01, ed = 2026-12-31, di = today), as a JSON tree to alter.</summary>
    public static JsonObject ValidPayload() => new()
    {
        ["sid"] = "eessi:prc:1.0",
        ["jti"] = "6a0b4c1e-3f2d-4e5a-8b7c-9d0e1f2a3b4c",
        ["rid"] = "https://revocation.example.org/BE-0120/prc",
        ["prc"] = new JsonObject
        {
            ["ic"] = "BE",
            ["fn"] = "Peeters",
            ["gn"] = "Jan",
            ["dob"] = "1980-02-29",
            ["hi"] = "80022912345",
            ["in"] = "CM",
            ["ii"] = "0120",
            ["ci"] = "01200000000000012345",
            ["sd"] = "2026-06-01",
            ["ed"] = "2026-12-31",
            ["xd"] = "2028-06-30",
            ["di"] = "2026-06-15",
        },
    };

    /// <summary>Signs any payload with the scenario's key, as a hostile or buggy issuer could.</summary>
    public string ForgeQr(JsonNode payload, string? headerJson = null) => ForgeQr(payload.ToJsonString(), headerJson);

    public string ForgeQr(string payloadJson, string? headerJson = null)
    {
        var alg = Demo.Signer.AsAsymmetricAlgorithm() is System.Security.Cryptography.RSA ? "RS256" : "ES256";
        return TokenForge.QrText(TokenForge.Sign(headerJson ?? TokenForge.Header(alg, Kid), payloadJson, Demo.Signer.AsAsymmetricAlgorithm()));
    }

    public IssuedQrToken IssueValid()
    {
        var payload = ValidPayload();
        var result = Issuer.Issue(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        Assert.True(result.Succeeded, string.Join("; ", result.Findings));
        return result.Document!;
    }

    public void Dispose()
    {
        Demo.Dispose();
    }
}
