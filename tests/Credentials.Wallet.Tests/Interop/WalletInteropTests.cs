using System.Text;
using System.Text.Json.Nodes;
using Credentials.Status;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.StatusLists;
using Credentials.Wallet.Tests.SdJwt;
using Credentials.Wallet.Tests.SdJwtVc;

namespace Credentials.Wallet.Tests.Interop;

/// <summary>
/// An independent SD-JWT VC implementation (@sd-jwt/sd-jwt-vc under Node, see interop.mjs) reads the eEHIC and ISI+
/// credentials we issue and present: the signature, the Disclosures, the Key Binding JWT, the header's typ, the vct
/// with our published type metadata (validated by the library's own schema), the claims, and the status list, which
/// it fetches from a real HTTP server on 127.0.0.1 and verifies with the issuer's key.
/// </summary>
public sealed class WalletInteropTests : IDisposable
{
    private readonly WalletScenario scenario = new();
    private readonly LoopbackHttpServer server = new();
    private readonly string folder = Directory.CreateTempSubdirectory("wallet-interop-").FullName;
    private readonly SqliteStatusListStore store;
    private readonly StatusListIssuer lists;

    public WalletInteropTests()
    {
        store = SqliteStatusListStore.Open(Path.Combine(folder, "issuer.db"), scenario.Clock);
        lists = new StatusListIssuer(store, new StatusListIssuerOptions { BaseAddress = server.Url("status/") }, scenario.Clock);
    }

    [SkippableFact]
    public void Node_reads_our_ehic_with_its_type_typ_claims_and_valid_status()
    {
        NodeSdJwt.Require();
        var (issued, entry) = Issue(WalletScenario.Ehic, "ehic-1");
        var answer = NodeSdJwt.Call(Request(scenario.Present(issued, WalletScenario.All(WalletCredentialType.Ehic)), "ehic-1.json"));

        Assert.Equal("dc+sd-jwt", answer["header"]!["typ"]!.GetValue<string>());
        Assert.Equal(scenario.Signer.CertificateChain.Count, answer["header"]!["x5c"]!.AsArray().Count);
        var payload = answer["payload"]!.AsObject();
        Assert.Equal("urn:eudi:ehic:1", payload["vct"]!.GetValue<string>());
        Assert.Equal("urn:eudi:ehic:1", answer["typeMetadata"]!["vct"]!.GetValue<string>());
        Assert.Equal("87040012345", payload["personal_administrative_number"]!.GetValue<string>());
        Assert.Equal("01200000012345678901", payload["document_number"]!.GetValue<string>());
        Assert.Equal("BE:0120", payload["authentic_source"]!["id"]!.GetValue<string>());
        Assert.Equal("2031-12-31", payload["date_of_expiry"]!.GetValue<string>());
        Assert.Equal(entry.Index, payload["status"]!["status_list"]!["idx"]!.GetValue<long>());
        Assert.False(payload.ContainsKey("sub"));

        // Node's view is ours: the holder's processed claims, exactly.
        Assert.True(SdJwtHolder.TryOpen(issued, scenario.Clock, null, out var holder, out _));
        JsonAssert.Equal(holder.Claims, payload);
    }

    [SkippableFact]
    public void Node_reads_an_isi_card_presented_with_the_given_name_only()
    {
        NodeSdJwt.Require();
        var (issued, _) = Issue(WalletScenario.Isi, "isi-1");
        var answer = NodeSdJwt.Call(Request(scenario.Present(issued, ClaimPath.Of("subject", "given_name")), "isi-1.json"));

        var payload = answer["payload"]!.AsObject();
        Assert.Equal("urn:credentials:isi:1", payload["vct"]!.GetValue<string>());
        Assert.Equal("Lucas", payload["subject"]!["given_name"]!.GetValue<string>());
        Assert.False(payload["subject"]!.AsObject().ContainsKey("family_name"));
        Assert.False(payload["subject"]!.AsObject().ContainsKey("birth_date"));
        Assert.False(payload.ContainsKey("personal_administrative_number"));
        Assert.Equal("ISI+ card", answer["typeMetadata"]!["name"]!.GetValue<string>());
    }

    [SkippableFact]
    public void Node_refuses_our_ehic_once_its_status_list_says_revoked()
    {
        NodeSdJwt.Require();
        var (issued, _) = Issue(WalletScenario.Ehic, "ehic-revoked");
        lists.Revoke(WalletScenario.Institution, "ehic-revoked");
        Publish();
        var (answer, error) = NodeSdJwt.TryCall(Request(scenario.Present(issued), "ehic-1.json"));
        Assert.Null(answer);
        Assert.Contains("Status is not valid", error, StringComparison.Ordinal);
    }

    private (string Issued, StatusListEntry Entry) Issue(Documents.HealthInsuranceDocument document, string credentialId)
    {
        var entry = lists.Allocate(WalletScenario.Institution, credentialId);
        var issued = scenario.Issuer.Issue(new WalletIssueRequest { Document = document, DocumentId = "doc-" + credentialId, CredentialId = credentialId, HolderKey = scenario.HolderJwk, Status = entry }).Credential!.SdJwt;
        Publish();
        return (issued, entry);
    }

    private void Publish()
    {
        foreach (var list in lists.DueForPublication())
        {
            var jwt = lists.Publish(list, scenario.Signer).Jwt;
            server.Handle(list.AbsolutePath, _ => new LoopbackHttpServer.Reply(200, Encoding.ASCII.GetBytes(jwt), new Dictionary<string, string> { ["Content-Type"] = StatusListTokenFormat.JwtMediaType }));
        }
    }

    private JsonObject Request(string presentation, string metadataFile) => new()
    {
        ["command"] = "verify-vc",
        ["sdJwt"] = presentation,
        ["issuerJwk"] = PublicJwk.ToJson(scenario.Signer.PublicKey),
        ["nonce"] = WalletScenario.Nonce,
        ["audience"] = WalletScenario.Audience,
        ["now"] = scenario.Clock.GetUtcNow().ToUnixTimeSeconds(),
        ["typeMetadata"] = JsonNode.Parse(File.ReadAllText(Repository.Specs("vct", metadataFile))),
    };

    public void Dispose()
    {
        store.Dispose();
        server.Dispose();
        scenario.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
