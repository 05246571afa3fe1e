using System.Text;
using System.Text.Json.Nodes;
using Credentials.Model;
using Credentials.Revocation;
using Credentials.Status;
using Credentials.Storage.Issuance;
using Credentials.Trust;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.StatusLists;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Tests.Cli;

/// <summary>
/// The wallet and status commands as a user runs them (the executable as a child process): issue from the QR request
/// into the issuer database, present with key binding, publish the status lists, revoke the document in every
/// channel; and the one-line refusals with their exit codes. The presentations are checked by the library's verifier
/// against the sample registry, with the lists served by a real HTTP server on 127.0.0.1.
/// </summary>
public sealed class WalletCommandTests : IDisposable
{
    private const string Jti = "0f4e1d2c-7b6a-4c59-8e3d-2a1b0c9d8e7f";
    private const string Audience = "https://hospital.example.org";
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-wallet-").FullName;
    private readonly LoopbackHttpServer server = new();

    private string File(string name) => Path.Combine(folder, name);

    private string Database => File("issuer.db");

    private static string[] Key => ["--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem")];

    [Fact]
    public async Task Issue_present_publish_and_revoke_a_document_in_every_channel()
    {
        Run(0, "status", "create", "wallet", "--base-uri", server.Url("status/").ToString(), "--store", Database);
        var request = EhicRequest();

        // Two wallet credentials minted from one document (the second read from standard input, written to standard output).
        Run(0, ["wallet", "issue", "ehic", "--request", request, "--holder-jwk", Repository.Samples("keys", "holder.jwk.json"), "--store", Database, "--status-list", "wallet", "--out", File("first.sdjwt"), .. Key]);
        var second = CliProcess.Run(["wallet", "issue", "ehic", "--request", "-", "--holder-jwk", Repository.Samples("keys", "holder.jwk.json"), "--store", Database, "--status-list", "wallet", .. Key], System.IO.File.ReadAllText(request));
        Assert.True(second.ExitCode == 0, second.ToString());
        Assert.StartsWith("eyJ", second.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Dupont", second.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("87040012345", second.Error, StringComparison.Ordinal);

        using (var documents = IssuedDocumentStore.Open(Database, TimeProvider.System))
        {
            var minted = documents.CredentialsOf(Jti);
            Assert.Equal(2, minted.Count);
            Assert.All(minted, c => Assert.Equal("01200000012345678901", c.DocumentNumber));
        }

        var presentation = Run(0, ["wallet", "present", File("first.sdjwt"), "--disclose", "document_number", "--holder-key", Repository.Samples("keys", "holder.key.pem"), "--aud", Audience, "--nonce", "n-1", "--out", "-"]).Out.Trim();
        Run(0, ["status", "publish", "--store", Database, "--out-dir", File("www"), .. Key]);
        if (OperatingSystem.IsLinux())
        {
            // The folder a web server serves holds the lists and nothing else: no lock file is left beside them.
            Assert.Equal(["1"], Directory.GetFiles(File("www"), "*", SearchOption.AllDirectories).Select(System.IO.Path.GetFileName));
        }

        Serve();
        var report = await VerifyAsync(presentation, "n-1");
        Assert.True(report.IsApproved, string.Join("\n", report.Steps));
        Assert.Equal("01200000012345678901", report.Credential!.DocumentNumber);
        Assert.Null(report.Credential.PersonalAdministrativeNumber);
        Assert.Equal(CredentialStatus.Valid, report.Status!.Status);

        // Revoking the document: its jti on the QR revocation list, and both wallet credentials on their status list.
        var revoked = Run(0, ["revoke", "--jti", Jti, "--list", File("revoked.jwt"), "--institution", "BE:0120", "--store", Database, .. Key]);
        Assert.Contains("Revoked 2 wallet credential(s)", revoked.Out, StringComparison.Ordinal);
        var list = RevocationListFormat.Verify(System.IO.File.ReadAllText(File("revoked.jwt")).Trim(), Registry(), InstitutionId.Parse("BE:0120"));
        Assert.True(list.IsRevoked(Jti));
        Run(0, ["status", "publish", "--store", Database, "--out-dir", File("www"), .. Key]);
        Serve();
        Assert.Equal("REVOKED", (await VerifyAsync(presentation, "n-1")).FailedStep?.Code);

        // Revocation is final, and a revoked document mints nothing more.
        using (var documents = IssuedDocumentStore.Open(Database, TimeProvider.System))
        {
            var credential = documents.CredentialsOf(Jti)[0].CredentialId;
            var reinstate = Run(1, "status", "reinstate", "--credential", credential, "--store", Database);
            Assert.Contains("revocation is final", reinstate.Error, StringComparison.Ordinal);
        }

        var again = Run(2, ["wallet", "issue", "ehic", "--request", request, "--holder-jwk", Repository.Samples("keys", "holder.jwk.json"), "--store", Database, "--status-list", "wallet", .. Key]);
        Assert.Contains("revoked", again.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Suspend_and_reinstate_change_the_entry_and_say_what_they_did()
    {
        Run(0, "status", "create", "wallet", "--base-uri", "https://status.example.org/lists/", "--store", Database);
        var issued = Run(0, ["wallet", "issue", "isi", "--request", IsiRequest(), "--holder-jwk", Repository.Samples("keys", "holder.jwk.json"), "--store", Database, "--status-list", "wallet", "--out", File("isi.sdjwt"), .. Key]);
        Assert.Contains("status list entry", issued.Error, StringComparison.Ordinal);
        string credential;
        using (var documents = IssuedDocumentStore.Open(Database, TimeProvider.System))
        {
            credential = Assert.Single(documents.CredentialsOf("3b8d6f1a-2c4e-4a7b-9e0d-5f1c2a3b4d6e")).CredentialId;
        }

        Assert.Contains("Done: the credential is suspended", Run(0, "status", "suspend", "--credential", credential, "--store", Database).Out, StringComparison.Ordinal);
        Assert.Contains("Done: the credential is valid again", Run(0, "status", "reinstate", "--credential", credential, "--store", Database).Out, StringComparison.Ordinal);
        Assert.Contains("only a suspended credential", Run(1, "status", "reinstate", "--credential", credential, "--store", Database).Error, StringComparison.Ordinal);
        Run(2, "status", "revoke", "--credential", "no-such-credential", "--store", Database);
        Run(2, "status", "create", "wallet", "--base-uri", "https://status.example.org/other/", "--store", Database);
        Run(2, "status", "create", "small", "--base-uri", "https://status.example.org/small/", "--entries", "1024", "--store", Database);
        Assert.Contains("Published", Run(0, ["status", "publish", "--store", Database, "--out-dir", File("www"), .. Key]).Out, StringComparison.Ordinal);
        Assert.True(System.IO.File.Exists(File(Path.Combine("www", "BE-0120", "1"))));
        Assert.Contains("No status list is due", Run(0, ["status", "publish", "--store", Database, "--out-dir", File("www"), .. Key]).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Refusals_are_one_line_with_their_exit_codes()
    {
        var holder = Repository.Samples("keys", "holder.jwk.json");
        AssertOneLine(Run(2, ["wallet", "issue", "ehic", "--request", Repository.Samples("requests", "prc.json"), "--holder-jwk", holder, .. Key]), "ePRC is not issued to wallets");
        AssertOneLine(Run(2, ["wallet", "issue", "isi", "--request", EhicRequest(), "--holder-jwk", holder, .. Key]), "use `credentials wallet issue ehic`");
        AssertOneLine(Run(2, ["wallet", "issue", "ehic", "--request", EhicRequest(), "--holder-jwk", holder, "--status-list", "wallet", .. Key]), "give --store too");
        AssertOneLine(Run(2, ["wallet", "issue", "ehic", "--request", EhicRequest(), "--holder-jwk", Repository.Samples("keys", "holder.key.pem"), .. Key]), "--holder-jwk");
        Assert.Contains("was refused", Run(1, ["wallet", "issue", "ehic", "--request", EhicRequest(expiry: "2026-05-01"), "--holder-jwk", holder, .. Key]).Error, StringComparison.OrdinalIgnoreCase);

        System.IO.File.WriteAllText(File("private.jwk.json"), """{"kty":"EC","crv":"P-256","x":"1VXzGF0Iely6hCRZfgnp7F4KsIe9u-LwnoqzOZiUw0E","y":"YQLiwVHtkyul7LoA8dnyTUaexBNYA2tWQpulMeIMxZI","d":"AAAA"}""");
        AssertOneLine(Run(2, ["wallet", "issue", "ehic", "--request", EhicRequest(), "--holder-jwk", File("private.jwk.json"), .. Key]), "private member 'd'");

        Run(0, ["wallet", "issue", "ehic", "--request", EhicRequest(), "--holder-jwk", holder, "--out", File("ehic.sdjwt"), .. Key]);
        AssertOneLine(Run(2, "wallet", "present", File("ehic.sdjwt"), "--holder-key", Repository.Samples("keys", "es256.key.pem"), "--aud", Audience, "--nonce", "n"), "not the key in the credential's 'cnf.jwk'");
        AssertOneLine(Run(2, "wallet", "present", File("ehic.sdjwt"), "--disclose", "subject/given_name", "--holder-key", Repository.Samples("keys", "holder.key.pem"), "--aud", Audience, "--nonce", "n"), "no claim at /subject/given_name");
        AssertOneLine(Run(2, "wallet", "present", Repository.Samples("prc-es256", "token.jwt"), "--holder-key", Repository.Samples("keys", "holder.key.pem"), "--aud", Audience, "--nonce", "n"), "bare JWT");
    }

    private static void AssertOneLine(CliProcess.Result result, string expected)
    {
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains(lines, l => l.StartsWith("credentials: ", StringComparison.Ordinal) && l.Contains(expected, StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("(Parameter", result.Error, StringComparison.Ordinal);
    }

    private static CliProcess.Result Run(int exitCode, params string[] args)
    {
        var result = CliProcess.Run(args);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        return result;
    }

    private string EhicRequest(string expiry = "2031-12-31")
    {
        var request = JsonNode.Parse(System.IO.File.ReadAllText(Repository.Samples("requests", "ehic.json")))!;
        request["ehic"]!["di"] = "2026-06-01";
        request["ehic"]!["xd"] = expiry;
        var path = File($"ehic-{expiry}.json");
        System.IO.File.WriteAllText(path, request.ToJsonString());
        return path;
    }

    private string IsiRequest()
    {
        var request = JsonNode.Parse(System.IO.File.ReadAllText(Repository.Samples("requests", "isi.json")))!;
        request["isi"]!["di"] = "2026-06-01";
        var path = File("isi.json");
        System.IO.File.WriteAllText(path, request.ToJsonString());
        return path;
    }

    private void Serve()
    {
        foreach (var file in Directory.EnumerateFiles(File("www"), "*", SearchOption.AllDirectories))
        {
            var body = System.IO.File.ReadAllBytes(file);
            server.Handle("status/" + Path.GetRelativePath(File("www"), file).Replace('\\', '/'), _ => new LoopbackHttpServer.Reply(200, body, new Dictionary<string, string> { ["Content-Type"] = StatusListTokenFormat.JwtMediaType }));
        }
    }

    private static TrustRegistry Registry() => ResolverListFormat.Load(Repository.Samples("registry.json"));

    private static async Task<WalletVerificationReport> VerifyAsync(string presentation, string nonce)
    {
        // The verifier's clock a minute after the credential was issued (the command line signs with the real clock).
        Assert.True(SdJwtToken.TryParse(presentation, null, out var token, out _));
        var issuedAt = DateTimeOffset.FromUnixTimeSeconds(JsonNode.Parse(token.IssuerSigned.Payload.Span)!["iat"]!.GetValue<long>());
        var clock = new FakeTimeProvider(issuedAt.AddMinutes(1));
        clock.SetLocalTimeZone(TimeZoneInfo.Utc);
        var registry = Registry();
        using var http = new HttpClient();
        var verifier = new WalletCredentialVerifier(registry, clock, new TokenStatusListChecker(http, registry, clock, new TokenStatusListCheckerOptions { Timeout = TimeSpan.FromSeconds(60) }), new WalletVerifierOptions { KeyBindingMaxAge = TimeSpan.FromDays(1) });
        return await verifier.VerifyAsync(presentation, new KeyBindingExpectation(Audience, nonce), new DateOnly(2026, 6, 10) > DateOnly.FromDateTime(issuedAt.UtcDateTime) ? DateOnly.FromDateTime(issuedAt.UtcDateTime) : new DateOnly(2026, 6, 10));
    }

    public void Dispose()
    {
        server.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
