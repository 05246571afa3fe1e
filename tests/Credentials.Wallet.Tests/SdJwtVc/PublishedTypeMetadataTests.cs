using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Status;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Json.Schema;

namespace Credentials.Wallet.Tests.SdJwtVc;

/// <summary>
/// What we issue against what we publish (specs/vct/*.json, specs/schemas/*-sd-jwt-vc-1.schema.json), checked with an
/// independent validator (JsonSchema.Net): the claims follow the schema, every mandatory claim is there, every
/// claim the type metadata marks sd "always" is a Disclosure and nothing else is, and every claim has metadata.
/// </summary>
public sealed class PublishedTypeMetadataTests : IDisposable
{
    private static readonly string[] Locales = ["de", "en", "fr", "nl"];
    private static readonly string[] Registered = ["iss", "iat", "nbf", "exp", "jti", "vct", "cnf", "status"];
    private static readonly EvaluationOptions Evaluation = new() { RequireFormatValidation = true, OutputFormat = OutputFormat.List };
    private readonly WalletScenario scenario = new();

    public static TheoryData<string, string, string, string> Types => new()
    {
        { "ehic", "deployed", "ehic-1.json", "ehic-sd-jwt-vc-1.schema.json" },
        { "ehic", "dc4eu", "ehic-1.json", "ehic-sd-jwt-vc-1.schema.json" },
        { "isi", "deployed", "isi-1.json", "isi-sd-jwt-vc-1.schema.json" },
    };

    [Theory]
    [MemberData(nameof(Types))]
    public void What_we_issue_follows_the_published_schema_and_type_metadata(string member, string variant, string metadataFile, string schemaFile)
    {
        var metadata = JsonNode.Parse(File.ReadAllText(Repository.Specs("vct", metadataFile)))!.AsObject();
        var type = member == "ehic" ? WalletCredentialType.Ehic : WalletCredentialType.IsiPlus;
        var dc4eu = variant == "dc4eu";
        var issuer = new WalletCredentialIssuer(scenario.Signer, scenario.Clock, new WalletIssuerOptions { Issuer = WalletScenario.IssuerId, EhicVariant = dc4eu ? EhicSchemaVariant.Dc4eu : EhicSchemaVariant.Deployed });
        var issued = issuer.Issue(new WalletIssueRequest
        {
            Document = member == "ehic" ? WalletScenario.Ehic : WalletScenario.Isi,
            DocumentId = "3b8d6f1a-2c4e-4a7b-9e0d-5f1c2a3b4d6e",
            HolderKey = scenario.HolderJwk,
            Status = new StatusListEntry(new Uri("https://status.example.org/BE-0120/1"), 12),
        }).Credential!.SdJwt;
        Assert.True(SdJwtHolder.TryOpen(issued, scenario.Clock, null, out var holder, out _));
        Assert.True(SdJwtToken.TryParse(issued, null, out var token, out _));
        var claims = holder.Claims;
        var plain = JsonNode.Parse(token.IssuerSigned.Payload.Span)!.AsObject();

        // The schema, by an independent validator.
        var schema = JsonSchema.FromText(File.ReadAllText(Repository.Specs("schemas", schemaFile)), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        var result = schema.Evaluate(JsonElement.Parse(claims.ToJsonString()), Evaluation);
        Assert.True(result.IsValid, string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Value}"))));

        // The type metadata: our vct, names in four languages.
        Assert.Equal(type.Vct, metadata["vct"]!.GetValue<string>());
        Assert.Equal(Locales, metadata["display"]!.AsArray().Select(d => d!["locale"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var described = new List<string>();
        foreach (var entry in metadata["claims"]!.AsArray())
        {
            var path = entry!["path"]!.AsArray().Select(p => p!.GetValue<string>()).ToArray();
            var pointer = "/" + string.Join('/', path);
            described.Add(pointer);
            Assert.Equal(Locales, entry["display"]!.AsArray().Select(d => d!["locale"]!.GetValue<string>()).Order(StringComparer.Ordinal));
            var present = Find(claims, path) is not null;
            if (entry["mandatory"]!.GetValue<bool>() && !(dc4eu && pointer == "/issuing_country"))
            {
                Assert.True(present, $"the mandatory claim {pointer} is missing");
            }

            // sd "always": a Disclosure, never in the signed payload in the clear; sd "never": plain.
            switch (entry["sd"]!.GetValue<string>())
            {
                case "always":
                    Assert.Contains(holder.Disclosures, d => d.Path.ToString() == pointer);
                    Assert.Null(Find(plain, path));
                    break;
                case "never" when present:
                    Assert.NotNull(Find(plain, path));
                    break;
            }
        }

        // Nothing else is disclosable, and every claim we write has its metadata.
        var alwaysDisclosed = metadata["claims"]!.AsArray().Where(c => c!["sd"]!.GetValue<string>() == "always").Select(c => "/" + string.Join('/', c!["path"]!.AsArray().Select(p => p!.GetValue<string>())));
        Assert.Equal(alwaysDisclosed.Order(StringComparer.Ordinal), holder.Disclosures.Select(d => d.Path.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(alwaysDisclosed.Order(StringComparer.Ordinal), type.SelectivelyDisclosable.Select(p => p.ToString()).Order(StringComparer.Ordinal));
        foreach (var pointer in Pointers(claims, string.Empty).Where(p => !Registered.Contains(p.Split('/')[1])))
        {
            Assert.True(described.Contains(pointer) || (dc4eu && pointer == "/issuing_authority/country"), $"the claim {pointer} has no type metadata");
        }
    }

    [Fact]
    public void The_schemas_refuse_a_sub_a_wrong_vct_and_a_national_number_that_is_not_eleven_digits()
    {
        var schema = JsonSchema.FromText(File.ReadAllText(Repository.Specs("schemas", "isi-sd-jwt-vc-1.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
        Assert.True(SdJwtHolder.TryOpen(scenario.Issue(WalletScenario.Isi), scenario.Clock, null, out var holder, out _));
        Assert.True(Valid(schema, holder.Claims));
        var withSub = holder.Claims;
        withSub["sub"] = "15031501101";
        Assert.False(Valid(schema, withSub));
        var wrongVct = holder.Claims;
        wrongVct["vct"] = "urn:eudi:ehic:1";
        Assert.False(Valid(schema, wrongVct));
        var shortNumber = holder.Claims;
        shortNumber["personal_administrative_number"] = "1503150";
        Assert.False(Valid(schema, shortNumber));
    }

    private static bool Valid(JsonSchema schema, JsonObject claims) => schema.Evaluate(JsonElement.Parse(claims.ToJsonString()), Evaluation).IsValid;

    private static JsonNode? Find(JsonObject claims, string[] path)
    {
        JsonNode? node = claims;
        foreach (var name in path)
        {
            node = node is JsonObject obj && obj.TryGetPropertyValue(name, out var member) ? member : null;
        }

        return node;
    }

    private static IEnumerable<string> Pointers(JsonObject obj, string prefix)
    {
        foreach (var (name, value) in obj)
        {
            var pointer = $"{prefix}/{name}";
            yield return pointer;
            if (value is JsonObject inner && name is not ("cnf" or "status"))
            {
                foreach (var child in Pointers(inner, pointer))
                {
                    yield return child;
                }
            }
        }
    }

    public void Dispose() => scenario.Dispose();
}
