using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Credentials.Signing;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Microsoft.Extensions.Time.Testing;
using YamlDotNet.RepresentationModel;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>
/// Every sd-jwt-python test case and example (Vectors/sd-jwt-python, Apache-2.0) through our issuer, holder and
/// verifier, with the expectations its README describes: the processed claims deep-equal the expected claims and,
/// for the compact form, the verifier saw the header the harness set.
/// </summary>
public sealed class SdJwtPythonConformanceTests
{
    private const string Verifier = "https://example.com/verifier";

    // A day inside every validity window of the examples (iat 2023-05-02, exp 2029-09-01).
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The vector README's table: how many Disclosures the holder sends in each test case.</summary>
    private static readonly Dictionary<string, int> DisclosedCount = new()
    {
        ["array_data_types"] = 7, ["array_full_sd"] = 1, ["array_in_sd"] = 1, ["array_nested_in_plain"] = 2,
        ["array_none_disclosed"] = 0, ["array_of_nulls"] = 0, ["array_of_objects"] = 2, ["array_of_scalars"] = 1,
        ["array_recursive_sd"] = 0, ["array_recursive_sd_some_disclosed"] = 4, ["header_mod"] = 3,
        ["json_serialization_flattened"] = 3, ["json_serialization_general"] = 3, ["key_binding"] = 3, ["no_sd"] = 0,
        ["object_data_types"] = 14, ["recursions"] = 13,
    };

    /// <summary>Cases we do not run, each with its reason. None: the integer <c>kid</c> of header_mod is accepted (we read headers as JSON, not as a typed model).</summary>
    private static readonly Dictionary<string, string> Excluded = [];

    public static TheoryData<string> TestCases() => Cases("testcases");

    public static TheoryData<string> Examples() => Cases("examples");

    [Theory]
    [MemberData(nameof(TestCases))]
    public void Test_case_round_trips_to_the_expected_claims(string name)
    {
        Assert.False(Excluded.ContainsKey(name), Excluded.GetValueOrDefault(name));
        var spec = YamlClaims.Load(VectorFiles.PythonCase("testcases", name));
        var run = Run(spec, "testcases", includeDefaultClaims: false, discloseAll: false);

        var expected = (JsonObject)YamlClaims.ToJson(YamlClaims.Member(spec, "expect_verified_user_claims")!)!;
        expected["iss"] = "https://example.com/issuer";
        if (run.KeyBinding)
        {
            expected["cnf"] = new JsonObject { ["jwk"] = TestKeys.PublicJwk(run.HolderJwk) };
        }

        Assert.True(run.Result.IsValid, run.Result.Failure?.ToString());
        JsonAssert.Equal(expected, run.Result.Claims);
        Assert.Equal(DisclosedCount[name], run.Result.Disclosed.Count);
        Assert.Equal(run.KeyBinding ? KeyBindingStatus.Verified : KeyBindingStatus.Absent, run.Result.KeyBinding);
        Assert.All(run.Result.Disclosed, d => Assert.DoesNotContain(d.Disclosure.Salt, run.Result.Claims.ToJsonString(), StringComparison.Ordinal));
        if (!run.Json)
        {
            var header = new JsonObject { ["alg"] = "ES256", ["typ"] = "testcase+sd-jwt" };
            foreach (var (key, value) in run.ExtraHeader)
            {
                header[key] = value?.DeepClone();
            }

            JsonAssert.Equal(header, run.Result.IssuerHeader.ToJsonObject());
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_issued_with_every_disclosure_verifies_to_its_claims(string name)
    {
        Assert.False(Excluded.ContainsKey(name), Excluded.GetValueOrDefault(name));
        var spec = YamlClaims.Load(VectorFiles.PythonCase("examples", name));
        var run = Run(spec, "examples", includeDefaultClaims: true, discloseAll: true);

        // The vector README: user_claims (tags removed) over iss, iat and exp, plus cnf with key binding.
        var expected = run.Claims;
        if (run.KeyBinding)
        {
            expected["cnf"] = new JsonObject { ["jwk"] = TestKeys.PublicJwk(run.HolderJwk) };
        }

        Assert.True(run.Result.IsValid, run.Result.Failure?.ToString());
        JsonAssert.Equal(expected, run.Result.Claims);
        Assert.Equal(run.SelectivelyDisclosable.Count, run.Result.Disclosed.Count);
    }

    private static Run Run(YamlMappingNode spec, string kind, bool includeDefaultClaims, bool discloseAll)
    {
        var settings = (JsonObject)YamlClaims.ToJson(YamlClaims.Load(VectorFiles.PythonSettings(kind)))!;
        if (YamlClaims.Member(spec, "settings_override") is { } overrides)
        {
            // The vector README: the override's top-level members replace the settings' (shallow merge).
            foreach (var (key, value) in (JsonObject)YamlClaims.ToJson(overrides)!)
            {
                settings[key] = value?.DeepClone();
            }
        }

        var issuerKeys = settings["key_settings"]!["issuer_keys"]!.AsArray().Select(k => k!).ToList();
        var holderJwk = settings["key_settings"]!["holder_key"]!;
        var keyBinding = YamlClaims.Member(spec, "key_binding") is { } kb && YamlClaims.ToJson(kb)?.GetValue<bool>() == true;
        var json = YamlClaims.Member(spec, "serialization_format") is YamlScalarNode { Value: "json" };
        var extraHeader = YamlClaims.Member(spec, "extra_header_parameters") is { } extra ? (JsonObject)YamlClaims.ToJson(extra)! : [];
        var addDecoys = YamlClaims.Member(spec, "add_decoy_claims") is { } decoys && YamlClaims.ToJson(decoys)?.GetValue<bool>() == true;

        // The issuer: {"iss"} (and for the examples iat, exp) followed by user_claims, which win on a clash.
        var sdPaths = new List<ClaimPath>();
        var userClaims = (JsonObject)YamlClaims.ToJson(YamlClaims.Member(spec, "user_claims")!, ClaimPath.Root, sdPaths)!;
        var claims = new JsonObject { ["iss"] = settings["identifiers"]!["issuer"]!.GetValue<string>() };
        if (includeDefaultClaims && !(YamlClaims.Member(spec, "include_default_claims") is { } include && YamlClaims.ToJson(include)?.GetValue<bool>() == false))
        {
            claims["iat"] = settings["iat"]!.DeepClone();
            claims["exp"] = settings["exp"]!.DeepClone();
        }

        foreach (var (key, value) in userClaims)
        {
            claims[key] = value?.DeepClone();
        }

        var signers = issuerKeys.Select(TestKeys.Signer).ToList();
        using var holder = TestKeys.Signer(holderJwk);
        try
        {
            var issued = Issue(claims, sdPaths, issuerKeys, signers, extraHeader, json, keyBinding ? holder.PublicKey : null, addDecoys);

            // The holder: the README's rules for holder_disclosed_claims, or (examples) every Disclosure.
            var clock = new FakeTimeProvider(Now);
            Assert.True(SdJwtHolder.TryOpen(issued, clock, null, out var wallet, out var failure), failure?.ToString());
            var disclose = discloseAll
                ? sdPaths
                : HolderSelection.Paths(claims, YamlClaims.ToJson(YamlClaims.Member(spec, "holder_disclosed_claims")!), sdPaths.ToHashSet());
            var nonce = settings["key_binding_nonce"]!.GetValue<string>();
            var presentation = keyBinding
                ? wallet.Present(disclose, new KeyBindingRequest(holder, Verifier, nonce))
                : wallet.Present(disclose);

            // The verifier: the issuer's public keys, key binding required exactly when the case binds.
            var resolver = KeyResolver.ById(issuerKeys.Select((k, i) => (Id: k["kid"]?.GetValue<string>() ?? $"key-{i}", Key: (AsymmetricAlgorithm)TestKeys.PublicKey(k))).ToDictionary(p => p.Id, p => p.Key));
            var verifier = new SdJwtVerifier(resolver, new SdJwtVerifierOptions { RequireKeyBinding = keyBinding }, clock);
            var result = verifier.Verify(presentation.Serialize(), keyBinding ? new KeyBindingExpectation(Verifier, nonce) : null);
            return new Run(result, claims, sdPaths, keyBinding, json, holderJwk, extraHeader);
        }
        finally
        {
            signers.ForEach(s => s.Dispose());
        }
    }

    private static string Issue(JsonObject claims, List<ClaimPath> sdPaths, List<JsonNode> issuerKeys, List<InMemorySigner> signers, JsonObject extraHeader, bool json, AsymmetricAlgorithm? holderKey, bool addDecoys)
    {
        // The harness's header: typ testcase+sd-jwt, kid when there is exactly one key with a kid, then the extras.
        var header = new JsonObject { ["typ"] = "testcase+sd-jwt" };
        if (issuerKeys.Count == 1 && issuerKeys[0]["kid"] is { } kid)
        {
            header["kid"] = kid.DeepClone();
        }

        foreach (var (key, value) in extraHeader)
        {
            header[key] = value?.DeepClone();
        }

        var options = new SdJwtIssueOptions { HolderKey = holderKey is null ? null : PublicJwk.FromKey(holderKey), MinimumDecoyDigests = addDecoys ? 2 : 0, MaximumDecoyDigests = addDecoys ? 5 : 0 };
        if (signers.Count == 1)
        {
            var issued = new SdJwtIssuer(signers[0], header).Issue(claims, sdPaths, options);
            return json ? issued.ToFlattenedJson() : issued.ToCompact();
        }

        // Several keys: JWS JSON General Serialization, each signature's kid unprotected (RFC 9901 §8.3).
        header.Remove("kid");
        var signatures = signers.Select((s, i) => new IssuerSignature(s, (JsonObject)header.DeepClone(), new JsonObject { ["kid"] = issuerKeys[i]["kid"]!.DeepClone() })).ToList();
        return new SdJwtIssuer(signatures).Issue(claims, sdPaths, options).ToGeneralJson();
    }

    private static TheoryData<string> Cases(string kind)
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(VectorFiles.Folder("sd-jwt-python", kind)).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }
}

internal sealed record Run(SdJwtVerification Result, JsonObject Claims, List<ClaimPath> SelectivelyDisclosable, bool KeyBinding, bool Json, JsonNode HolderJwk, JsonObject ExtraHeader);
