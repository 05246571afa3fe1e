using System.Globalization;
using System.Text.Json.Nodes;
using Credentials.Signing;
using Credentials.Model;
using Credentials.Trust;

namespace Credentials.Issuance.Demo;

/// <summary>
/// A complete throwaway setting for the demo and the tests: a test PKI, a signer for the health insurance fund
/// <c>BE:0120</c> ("CM"), a trust registry that knows it (accredited for EHIC since 2020), and a sample request.
/// </summary>
public sealed class DemoScenario : IDisposable
{
    /// <summary>The demo's health insurance fund, <c>BE:0120</c>: the institution of the EC specification's example.</summary>
    public static readonly InstitutionId Institution = InstitutionId.Parse("BE:0120");

    /// <summary>The fund's acronym as field 7 prints it, <c>CM</c> (the EC example's).</summary>
    public const string InstitutionName = "CM";

    private DemoScenario(TestPki pki, CertificateSigner signer, RegistryIssuer issuer, DateOnly today)
    {
        Pki = pki;
        Signer = signer;
        Issuer = issuer;
        Registry = new TrustRegistry([issuer]);
        Today = today;
    }

    /// <summary>The throwaway PKI whose root issued the signing certificate.</summary>
    public TestPki Pki { get; }

    /// <summary>The fund's signer: a key in memory with its TEST certificate, valid from a year before <see cref="Today"/> for three years.</summary>
    public CertificateSigner Signer { get; }

    /// <summary>The fund as the trust registry lists it: its certificate, accredited for <c>EHIC</c> since 2020-01-01.</summary>
    public RegistryIssuer Issuer { get; }

    /// <summary>A registry that knows only the demo's fund; of unknown age, as a resolver list is.</summary>
    public TrustRegistry Registry { get; }

    /// <summary>The day the scenario was made for: sample requests start on it.</summary>
    public DateOnly Today { get; }

    /// <summary>Builds the setting; the signing certificate is valid from a year before <paramref name="today"/> for three years.</summary>
    public static DemoScenario Create(DateOnly today, bool rsa = false)
    {
        var start = new DateTimeOffset(today.AddYears(-1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var pki = new TestPki(start.AddDays(-1));
        var signer = pki.IssueSigner($"{InstitutionName} {Institution} TEST document signer", rsa, start, start.AddYears(3));
        var certificate = new TrustedCertificate(signer.Certificate);
        var issuer = new RegistryIssuer(Institution, InstitutionName, [certificate], [new AccreditationPeriod(AccreditationPeriod.Ehic, new DateOnly(2020, 1, 1), null)]);
        return new DemoScenario(pki, signer, issuer, today);
    }

    /// <summary>The same holder's eEHIC request (our provisional profile): the card's fields, valid two years.</summary>
    public string SampleEhicRequestJson()
    {
        var request = System.Text.Json.Nodes.JsonNode.Parse(SampleRequestJson(tokenId: null))!.AsObject();
        var card = request["prc"]!.AsObject();
        request.Remove("prc");
        card.Remove("sd");
        card.Remove("ed");
        request["jti"] = "7c2e9a41-0d5b-4f3e-8a6c-1b9d2e4f6a80";
        request["ehic"] = card;
        return request.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    /// <summary>An ISI+ request for a child (Belgium, fictitious national number from the fixtures): validity by the rule.</summary>
    public static string SampleIsiPlusRequestJson() => new JsonObject
    {
        ["jti"] = "3b8d6f1a-2c4e-4a7b-9e0d-5f1c2a3b4d6e",
        ["isi"] = new JsonObject
        {
            ["ic"] = "BE", ["fn"] = "Maes", ["gn"] = "Lucas", ["dob"] = "2015-03-15", ["nn"] = "15031501101",
            ["in"] = InstitutionName, ["ii"] = Institution.LocalId,
        },
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true });

    /// <summary>A request for a PRC valid three months from today, with accents to show that names travel as UTF-8.</summary>
    /// <param name="tokenId">The request's <c>jti</c>, with a <c>rid</c> on example.org beside it; null for a request without either (no status to check).</param>
    public string SampleRequestJson(string? tokenId = "0f8c7d3e-5b1a-4c2e-9d6f-2a4b8c1e7f90")
    {
        var request = new JsonObject();
        if (tokenId is not null)
        {
            request["jti"] = tokenId;
            request["rid"] = "https://revocation.example.org/BE-0120/prc";
        }

        request["prc"] = new JsonObject
        {
            ["ic"] = "BE",
            ["fn"] = "Dupont-Müller",
            ["gn"] = "Émilie Zoë",
            ["dob"] = "1987-04-00",
            ["hi"] = "87040012345",
            ["in"] = InstitutionName,
            ["ii"] = Institution.LocalId,
            ["ci"] = "01200000012345678901",
            ["sd"] = Format(Today),
            ["ed"] = Format(Today.AddMonths(3)),
            ["xd"] = Format(Today.AddYears(2)),
        };
        return request.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
    }

    private static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Disposes of the signer's key and the PKI.</summary>
    public void Dispose()
    {
        Signer.Dispose();
        Pki.Dispose();
    }
}
