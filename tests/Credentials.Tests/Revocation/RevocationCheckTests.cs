using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Revocation;
using Credentials.Tests.Support;
using Credentials.Verification;
using Credentials.WireFormat;

namespace Credentials.Tests.Revocation;

/// <summary>Step 6 against a real HTTP server on 127.0.0.1: one test per outcome the verifier must tell apart.</summary>
public sealed class RevocationCheckTests : IDisposable
{
    private const string RevokedJti = "aaaaaaaa-0000-4000-8000-000000000001";
    private const string ValidJti = "bbbbbbbb-0000-4000-8000-000000000002";

    private readonly Scenario scenario = Scenario.Es256();
    private readonly LoopbackHttpServer server = new();
    private readonly HttpClient http = new();
    private readonly JwsSigner listSigner;

    public RevocationCheckTests()
    {
        listSigner = new JwsSigner(scenario.Demo.Signer);
        ServeList("BE-0120/prc", SignedList(DemoScenario.Institution, listSigner));
    }

    private string SignedList(InstitutionId issuer, JwsSigner signer, DateTimeOffset? issuedAt = null)
    {
        var at = issuedAt ?? scenario.Clock.GetUtcNow().AddHours(-1);
        var list = new RevocationList(issuer, at, at.AddDays(7), new Dictionary<string, DateTimeOffset> { [RevokedJti] = at });
        return RevocationListFormat.Sign(list, signer);
    }

    private void ServeList(string path, string list) => server.Serve(path, () => Encoding.UTF8.GetBytes(list));

    private string Document(string jti, string path = "BE-0120/prc")
    {
        var payload = Scenario.ValidPayload();
        payload["jti"] = jti;
        payload["rid"] = server.Url(path).ToString();
        var result = scenario.Issuer.Issue(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        Assert.True(result.Succeeded);
        return result.Document!.QrText;
    }

    private VerificationReport Verify(string qr, RevocationListChecker? checker = null) =>
        scenario.Verifier(revocation: checker ?? Checker()).Verify(qr, Scenario.Today);

    private RevocationListChecker Checker() => new(http, scenario.Demo.Registry, scenario.Clock, new RevocationCheckerOptions { Download = new Credentials.Net.DownloadLimits(RevocationListFormat.MaxListBytes, TimeSpan.FromSeconds(3)) });

    private static StepOutcome Step6(VerificationReport report) => report.Step(VerificationStep.Revocation)!;

    [Fact]
    public void A_revoked_document_is_rejected_at_step_6()
    {
        var report = Verify(Document(RevokedJti));
        ReportAssert.RejectedAt(report, VerificationStep.Revocation, FindingCode.Revoked);
    }

    [Fact]
    public void A_document_not_on_the_list_passes_step_6()
    {
        var report = Verify(Document(ValidJti));
        ReportAssert.Approved(report);
        Assert.Equal(StepResult.Passed, Step6(report).Result);
    }

    [Fact]
    public void An_unreachable_list_is_not_applicable_never_revoked_nor_checked()
    {
        var closedPort = new Uri($"http://127.0.0.1:{ClosedPort()}/list");
        var payload = Scenario.ValidPayload();
        payload["rid"] = closedPort.ToString();
        var report = Verify(scenario.ForgeQr(payload));
        Assert.True(report.IsApproved);
        Assert.Equal(StepResult.NotApplicable, Step6(report).Result);
        Assert.Contains("unreachable", Step6(report).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_server_error_makes_the_list_unreachable()
    {
        server.Serve("broken", () => "oops"u8.ToArray(), status: 500);
        var report = Verify(Document(RevokedJti, "broken"));
        Assert.Equal(StepResult.NotApplicable, Step6(report).Result);
        Assert.Contains("HTTP 500", Step6(report).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stale_list_is_not_applicable_and_says_so()
    {
        ServeList("old", SignedList(DemoScenario.Institution, listSigner, scenario.Clock.GetUtcNow().AddDays(-8)));
        var report = Verify(Document(RevokedJti, "old"));
        Assert.Equal(StepResult.NotApplicable, Step6(report).Result);
        Assert.Contains("stale", Step6(report).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_signed_by_a_key_the_registry_does_not_know_is_badly_signed()
    {
        using var pki = new TestPki(scenario.Clock.GetUtcNow().AddYears(-1));
        using var stranger = pki.IssueSigner("stranger", rsa: false, scenario.Clock.GetUtcNow().AddDays(-10), scenario.Clock.GetUtcNow().AddYears(1));
        var strangerSigner = new JwsSigner(stranger);
        ServeList("forged", SignedList(DemoScenario.Institution, strangerSigner));
        var report = Verify(Document(RevokedJti, "forged"));
        Assert.Equal(StepResult.NotApplicable, Step6(report).Result);
        Assert.Contains("badly signed", Step6(report).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_altered_after_signing_is_badly_signed()
    {
        var parts = SignedList(DemoScenario.Institution, listSigner).Split('.');
        var payload = JsonNode.Parse(Base64UrlDecode(parts[1]))!;
        payload["revoked"] = new JsonArray();
        ServeList("altered", parts[0] + "." + TokenForge.B64(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2]);
        var report = Verify(Document(RevokedJti, "altered"));
        Assert.Equal(StepResult.NotApplicable, Step6(report).Result);
        Assert.Contains("badly signed", Step6(report).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_list_of_another_institution_is_not_accepted_for_this_document()
    {
        var registry = new Credentials.Trust.TrustRegistry([scenario.Demo.Issuer, scenario.Demo.Issuer with { Id = InstitutionId.Parse("BE:0306") }]);
        ServeList("other", SignedList(InstitutionId.Parse("BE:0306"), listSigner));
        var checker = new RevocationListChecker(http, registry, scenario.Clock);
        var report = scenario.Verifier(registry, checker).Verify(Document(RevokedJti, "other"), Scenario.Today);
        Assert.Equal(StepResult.NotApplicable, Step6(report).Result);
        Assert.Contains("BE:0306", Step6(report).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_response_that_is_not_a_list_is_unusable()
    {
        server.Serve("garbage", () => "<html>maintenance</html>"u8.ToArray());
        var report = Verify(Document(RevokedJti, "garbage"));
        Assert.Equal(StepResult.NotApplicable, Step6(report).Result);
        Assert.Contains("unusable", Step6(report).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_oversized_response_is_refused()
    {
        server.Serve("huge", () => new byte[RevocationListFormat.MaxListBytes + 1]);
        var report = Verify(Document(RevokedJti, "huge"));
        Assert.Equal(StepResult.NotApplicable, Step6(report).Result);
    }

    [Fact]
    public async Task A_list_is_cached_for_at_most_24_hours()
    {
        var checker = Checker();
        var qr = Document(ValidJti);
        var before = server.Requests;
        Verify(qr, checker);
        Verify(qr, checker);
        Assert.Equal(before + 1, server.Requests);

        // A day later the list is still before its next update (7 days), but older than the 24-hour cache limit.
        scenario.Clock.Advance(TimeSpan.FromHours(24) + TimeSpan.FromMinutes(1));
        await checker.CheckAsync(new Credentials.Status.RevocationListEntry(server.Url("BE-0120/prc"), ValidJti), DemoScenario.Institution);
        Assert.Equal(before + 2, server.Requests);
    }

    [Fact]
    public void A_list_kept_on_disk_serves_the_next_run_offline_and_says_its_age()
    {
        var cache = Directory.CreateTempSubdirectory("credentials-revocation-cache-").FullName;
        try
        {
            var options = new RevocationCheckerOptions { CacheFolder = cache };
            var revoked = Document(RevokedJti);
            ReportAssert.RejectedAt(Verify(revoked, new RevocationListChecker(http, scenario.Demo.Registry, scenario.Clock, options)), VerificationStep.Revocation, FindingCode.Revoked);
            var requests = server.Requests;

            // A new run, offline, two hours later: the kept list (verified again as it is read) still answers.
            scenario.Clock.Advance(TimeSpan.FromHours(2));
            var offline = new RevocationListChecker(null, scenario.Demo.Registry, scenario.Clock, options with { Offline = true });
            var report = Verify(revoked, offline);
            ReportAssert.RejectedAt(report, VerificationStep.Revocation, FindingCode.Revoked);
            Assert.Contains("2 hours ago", Step6(report).Message, StringComparison.Ordinal);
            Assert.Equal(requests, server.Requests);

            // A kept list changed on disk is not trusted: offline, the status is then not checked.
            foreach (var file in Directory.GetFiles(cache, "*.jwt"))
            {
                File.WriteAllText(file, File.ReadAllText(file).Replace(".", ".x", StringComparison.Ordinal));
            }

            var untrusted = Verify(revoked, new RevocationListChecker(null, scenario.Demo.Registry, scenario.Clock, options with { Offline = true }));
            Assert.Equal(StepResult.NotApplicable, Step6(untrusted).Result);

            // After 24 hours the kept list is too old to answer for the specification's cache limit.
            scenario.Clock.Advance(TimeSpan.FromHours(23));
            Assert.Equal(StepResult.NotApplicable, Step6(Verify(revoked, new RevocationListChecker(null, scenario.Demo.Registry, scenario.Clock, options with { Offline = true }))).Result);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Offline_a_folder_that_had_no_list_is_looked_at_again_after_a_few_seconds_not_at_every_verification()
    {
        var cache = Directory.CreateTempSubdirectory("credentials-revocation-miss-").FullName;
        try
        {
            var options = new RevocationCheckerOptions { CacheFolder = cache };
            var offline = new RevocationListChecker(null, scenario.Demo.Registry, scenario.Clock, options with { Offline = true });
            var revoked = Document(RevokedJti);
            Assert.Equal(StepResult.NotApplicable, Step6(Verify(revoked, offline)).Result);

            // Another program (here a checker that downloads) keeps the list in the same folder.
            ReportAssert.RejectedAt(Verify(revoked, new RevocationListChecker(http, scenario.Demo.Registry, scenario.Clock, options)), VerificationStep.Revocation, FindingCode.Revoked);
            Assert.NotEmpty(Directory.GetFiles(cache, "*.jwt"));

            // The offline checker remembers for a few seconds that the folder had nothing, then reads the kept list.
            scenario.Clock.Advance(RevocationListChecker.FolderMissLifetime - TimeSpan.FromSeconds(1));
            Assert.Equal(StepResult.NotApplicable, Step6(Verify(revoked, offline)).Result);
            scenario.Clock.Advance(TimeSpan.FromSeconds(1));
            ReportAssert.RejectedAt(Verify(revoked, offline), VerificationStep.Revocation, FindingCode.Revoked);
        }
        finally
        {
            Directory.Delete(cache, recursive: true);
        }
    }

    [Fact]
    public void Revoke_on_the_command_line_then_verify_through_the_served_file()
    {
        var folder = Directory.CreateTempSubdirectory("credentials-revoke-").FullName;
        try
        {
            var list = Path.Combine(folder, "prc.jwt");
            var key = Path.Combine(folder, "signer.key.pem");
            var cert = Path.Combine(folder, "signer.cert.pem");
            File.WriteAllText(key, ((ECDsa)scenario.Demo.Signer.AsAsymmetricAlgorithm()).ExportPkcs8PrivateKeyPem());
            File.WriteAllText(cert, scenario.Demo.Signer.Certificate.ExportCertificatePem());

            var first = Cli.CliRunner.RunAt(scenario.Clock, "revoke", "--jti", RevokedJti, "--list", list, "--key", key, "--cert", cert, "--institution", "BE:0120");
            Assert.True(first.ExitCode == 0, first.Error);
            var again = Cli.CliRunner.RunAt(scenario.Clock, "revoke", "--jti", RevokedJti, "--list", list, "--key", key, "--cert", cert);
            Assert.Contains("Already revoked", again.Out, StringComparison.Ordinal);
            Assert.Single(RevocationListFormat.Verify(File.ReadAllText(list), scenario.Demo.Registry, DemoScenario.Institution).Revoked);

            server.ServeFile("served/prc.jwt", list);
            ReportAssert.RejectedAt(Verify(Document(RevokedJti, "served/prc.jwt")), VerificationStep.Revocation, FindingCode.Revoked);
            ReportAssert.Approved(Verify(Document(ValidJti, "served/prc.jwt")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static int ClosedPort()
    {
        using var probe = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        probe.Start();
        return ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static byte[] Base64UrlDecode(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
        scenario.Dispose();
    }
}
