using System.Text;
using System.Text.Json.Nodes;
using Credentials.Model;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.WireFormat;

namespace Credentials.Tests.Trust;

public sealed class ResolverListFormatTests
{
    private static JsonObject SampleRegistry() => JsonNode.Parse(File.ReadAllText(Repository.Samples("registry.json")))!.AsObject();

    private static IReadOnlyList<RegistryIssuer> Read(JsonNode json) => ResolverListFormat.Read(new MemoryStream(Encoding.UTF8.GetBytes(json.ToJsonString())));

    [Fact]
    public void One_certificate_signing_for_several_institutions_is_parsed_once_and_resolves_for_each()
    {
        var registry = new TrustRegistry(Read(SampleRegistry()));
        var es256 = registry.Issuers.Single(i => i.Id.LocalId == "0306").Certificates[0];
        Assert.Same(es256, registry.Issuers.Single(i => i.Id.LocalId == "0120").Certificates[0]);
        var kid = EessiKeyId.FromThumbprint(es256.Thumbprint);
        Assert.Equal(KeyResolutionOutcome.Resolved, registry.Resolve(kid, InstitutionId.Parse("BE:0120")).Outcome);
        Assert.Equal(KeyResolutionOutcome.Resolved, registry.Resolve(kid, InstitutionId.Parse("BE:0306")).Outcome);
        var other = registry.Resolve(kid, InstitutionId.Parse("BE:0999"));
        Assert.Equal(KeyResolutionOutcome.NotLinkedToAuthenticSource, other.Outcome);
        Assert.Equal(3, other.LinkedInstitutions!.Count);
        Assert.Equal(2, registry.CertificateCount);
    }

    [Fact]
    public void A_shared_certificate_keeps_each_institution_s_own_validity()
    {
        var json = SampleRegistry();
        var issuers = json["issuers"]!.AsArray();
        var shared = issuers.Single(i => (string?)i!["officialID"] == "0306")!["certificates"]![0]!;
        shared["validUntil"] = "2026-01-31T00:00:00Z";
        var read = Read(json);
        Assert.Equal(new DateOnly(2026, 1, 31), DateOnly.FromDateTime(read.Single(i => i.Id.LocalId == "0306").Certificates[0].ValidUntil.UtcDateTime));
        Assert.Equal(new DateOnly(2035, 12, 31), DateOnly.FromDateTime(read.Single(i => i.Id.LocalId == "0120").Certificates[0].ValidUntil.UtcDateTime));
    }

    [Fact]
    public void Writing_and_reading_back_keeps_every_issuer_certificate_and_period()
    {
        var issuers = Read(SampleRegistry());
        var again = ResolverListFormat.Read(new MemoryStream(Encoding.UTF8.GetBytes(ResolverListFormat.WriteToString(issuers))));
        Assert.Equal(issuers.Select(i => (i.Id, i.Name, i.Certificates.Count)), again.Select(i => (i.Id, i.Name, i.Certificates.Count)));
        Assert.Equal(issuers.SelectMany(i => i.AccreditationPeriods), again.SelectMany(i => i.AccreditationPeriods));
        Assert.Equal(issuers.SelectMany(i => i.Certificates.Select(c => (c.Thumbprint, c.ValidFrom, c.ValidUntil))), again.SelectMany(i => i.Certificates.Select(c => (c.Thumbprint, c.ValidFrom, c.ValidUntil))));
    }

    [Fact]
    public void A_certificate_given_as_base64_DER_reads_like_its_PEM()
    {
        var json = SampleRegistry();
        var certificate = json["issuers"]![0]!["certificates"]![0]!;
        var pem = (string)certificate["certificatePEM"]!;
        certificate["certificatePEM"] = string.Concat(pem.Split('\n').Where(l => !l.StartsWith("-----", StringComparison.Ordinal)));
        Assert.Equal(Read(SampleRegistry())[0].Certificates[0].Thumbprint, Read(json)[0].Certificates[0].Thumbprint);
    }

    public static TheoryData<string, string, string> Damage => new()
    {
        { "issuers[0].countryCode", "XX", "issuers[0].countryCode" },
        { "issuers[0].officialID", "01", "issuers[0].officialID" },
        { "issuers[0].certificates[0].x5t#S256", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "is not the SHA-256 thumbprint" },
        { "issuers[0].certificates[0].certificatePEM", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----", "issuers[0].certificates[0].certificatePEM" },
        { "issuers[0].certificates[0].validFrom", "yesterday", "issuers[0].certificates[0].validFrom" },
        { "issuers[0].accreditationPeriods[0].validFrom", "2020-13-01", "accreditationPeriods[0].validFrom" },
    };

    [Theory]
    [MemberData(nameof(Damage))]
    public void A_damaged_registry_is_refused_naming_the_place(string path, string value, string expected)
    {
        var json = SampleRegistry();
        JsonNode target = json;
        var steps = path.Replace("]", string.Empty, StringComparison.Ordinal).Split('.', '[');
        for (var i = 0; i < steps.Length - 1; i++)
        {
            target = int.TryParse(steps[i], out var index) ? target[index]! : target[steps[i]]!;
        }

        target[steps[^1]] = value;
        var error = Assert.Throws<TrustRegistryFormatException>(() => Read(json));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Members_may_come_in_any_order_and_unknown_members_are_skipped()
    {
        var json = SampleRegistry();
        var first = json["issuers"]![0]!.AsObject();
        var reordered = new JsonObject { ["addedByTheEc"] = new JsonObject { ["nested"] = new JsonArray(1, 2) } };
        foreach (var (name, value) in first.Reverse().ToList())
        {
            first.Remove(name);
            reordered[name] = value;
        }

        json["issuers"]![0] = reordered;
        json["generatedAt"] = "2026-11-28T00:00:00Z";
        Assert.Equal(Read(SampleRegistry()).Select(i => (i.Id, i.Name, i.Certificates.Count)), Read(json).Select(i => (i.Id, i.Name, i.Certificates.Count)));
    }

    [Theory]
    [InlineData("{\"issuers\":[],\"issuers\":[]}", "'issuers' is given twice")]
    [InlineData("{\"issuers\":[{\"countryCode\":\"BE\",\"countryCode\":\"NL\",\"officialID\":\"0120\"}]}", "issuers[0].countryCode: given twice")]
    [InlineData("{\"issuers\":[{\"countryCode\":\"BE\",\"officialID\":\"0120\",\"accreditationPeriods\":[{\"portableDocument\":7,\"validFrom\":\"2020-01-01\"}]}]}", "accreditationPeriods[0].portableDocument: expected a string")]
    [InlineData("{\"issuers\":[{\"countryCode\":\"BE\",\"officialID\":\"0120\",\"accreditationPeriods\":[{\"portableDocument\":\"EHIC\",\"validFrom\":\"2021-02-29\"}]}]}", "accreditationPeriods[0].validFrom")]
    [InlineData("{\"issuers\":[{\"countryCode\":\"BE\",\"officialID\":\"0120\",\"certificates\":[{\"certificatePEM\":\"-----BEGIN PRIVATE KEY-----\\nAAAA\\n-----END PRIVATE KEY-----\"}]}]}", "a PEM 'PRIVATE KEY' block is not a certificate")]
    public void Ambiguous_or_ill_typed_members_are_refused_naming_the_place(string json, string expected)
    {
        var error = Assert.Throws<TrustRegistryFormatException>(() => ResolverListFormat.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("{\"issuers\":{}}")]
    [InlineData("{\"issuers\":[1]}")]
    [InlineData("{\"issuers\":[")]
    public void A_document_that_is_not_a_registry_is_refused(string json) =>
        Assert.Throws<TrustRegistryFormatException>(() => ResolverListFormat.Read(new MemoryStream(Encoding.UTF8.GetBytes(json))));
}
