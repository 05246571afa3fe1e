using System.Text;
using Credentials.Storage.StatusLists;
using Credentials.Verification;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.StatusLists;

namespace Credentials.Wallet.Tests.SdJwtVc;

/// <summary>
/// The status step end to end: the issuer allocates an entry in its SQLite store, the credential names it, the
/// issuer publishes the list, a real HTTP server on 127.0.0.1 serves it, and the verifier reads valid, revoked,
/// suspended, or unknown (never revoked nor valid) through the status seam.
/// </summary>
public sealed class WalletStatusTests : IDisposable
{
    private readonly WalletScenario scenario = new();
    private readonly LoopbackHttpServer server = new();
    private readonly HttpClient http = new();
    private readonly string folder = Directory.CreateTempSubdirectory("wallet-status-").FullName;
    private readonly SqliteStatusListStore store;
    private readonly StatusListIssuer lists;

    public WalletStatusTests()
    {
        store = SqliteStatusListStore.Open(Path.Combine(folder, "issuer.db"), scenario.Clock);
        lists = new StatusListIssuer(store, new StatusListIssuerOptions { BaseAddress = server.Url("status/") }, scenario.Clock);
    }

    [Fact]
    public async Task A_valid_entry_passes_the_status_step()
    {
        var (presentation, _) = IssueWithStatus("c-valid");
        var report = await VerifyAsync(presentation);
        Assert.True(report.IsApproved, string.Join("\n", report.Steps));
        Assert.Equal(StepResult.Passed, report[WalletVerificationStep.Status]!.Result);
        Assert.Equal(Credentials.Status.CredentialStatus.Valid, report.Status!.Status);
    }

    [Fact]
    public async Task A_revoked_credential_is_rejected_and_a_suspended_one_until_it_is_reinstated()
    {
        var (revoked, _) = IssueWithStatus("c-revoked");
        var (suspended, _) = IssueWithStatus("c-suspended");
        lists.Revoke(WalletScenario.Institution, "c-revoked");
        lists.Suspend(WalletScenario.Institution, "c-suspended");
        Publish();

        var report = await VerifyAsync(revoked);
        Assert.Equal(WalletVerificationStep.Status, report.FailedStep!.Step);
        Assert.Equal("REVOKED", report.FailedStep.Code);
        report = await VerifyAsync(suspended);
        Assert.Equal("SUSPENDED", report.FailedStep!.Code);

        lists.Reinstate(WalletScenario.Institution, "c-suspended");
        Publish();
        Assert.True((await VerifyAsync(suspended)).IsApproved);
    }

    [Fact]
    public async Task An_unreachable_or_badly_signed_list_is_unknown_never_revoked_nor_valid()
    {
        var (presentation, entry) = IssueWithStatus("c-unknown");
        server.Handle(entry.List.AbsolutePath, _ => new LoopbackHttpServer.Reply(404, []));
        var report = await VerifyAsync(presentation);
        AssertUnknown(report, "could not be downloaded");

        // Signed by a key the registry does not link to the institution.
        var stranger = scenario.Pki.IssueSigner("not the status signer");
        var publication = lists.Publish(entry.List, stranger);
        server.Handle(entry.List.AbsolutePath, _ => new LoopbackHttpServer.Reply(200, Encoding.ASCII.GetBytes(publication.Jwt)));
        AssertUnknown(await VerifyAsync(presentation), "trust registry");

        // A verifier that requires a known status rejects, still without calling it revoked.
        var strict = await VerifyAsync(presentation, new WalletVerifierOptions { RequireKnownStatus = true });
        Assert.Equal(WalletVerificationStep.Status, strict.FailedStep!.Step);
        Assert.Equal(WalletFindingCodes.StatusUnknown, strict.FailedStep.Code);
        Assert.Equal(StepResult.NotApplicable, strict.FailedStep.Result);
    }

    private static void AssertUnknown(WalletVerificationReport report, string why)
    {
        Assert.True(report.IsApproved, string.Join("\n", report.Steps));
        var status = report[WalletVerificationStep.Status]!;
        Assert.Equal(StepResult.NotApplicable, status.Result);
        Assert.Equal(WalletFindingCodes.StatusUnknown, status.Code);
        Assert.Contains(why, status.Message, StringComparison.Ordinal);
        Assert.Equal(Credentials.Status.CredentialStatus.Unknown, report.Status!.Status);
    }

    private (string Presentation, Credentials.Status.StatusListEntry Entry) IssueWithStatus(string credentialId)
    {
        var entry = lists.Allocate(WalletScenario.Institution, credentialId);
        var issuance = scenario.Issuer.Issue(new WalletIssueRequest
        {
            Document = WalletScenario.Ehic,
            DocumentId = "doc-" + credentialId,
            CredentialId = credentialId,
            HolderKey = scenario.HolderJwk,
            Status = entry,
        });
        Publish();
        return (scenario.Present(issuance.Credential!.SdJwt), entry);
    }

    private void Publish()
    {
        foreach (var list in lists.DueForPublication())
        {
            var jwt = lists.Publish(list, scenario.Signer).Jwt;
            server.Handle(list.AbsolutePath, _ => new LoopbackHttpServer.Reply(200, Encoding.ASCII.GetBytes(jwt), new Dictionary<string, string> { ["Content-Type"] = StatusListTokenFormat.JwtMediaType }));
        }
    }

    private Task<WalletVerificationReport> VerifyAsync(string presentation, WalletVerifierOptions? options = null) =>
        scenario.VerifyAsync(presentation, new DateOnly(2026, 6, 10), new TokenStatusListChecker(http, scenario.Registry, scenario.Clock, SlowMachine), options);

    // The download timeout is not what these tests are about: a test machine running many suites at once may take
    // longer than the default 5 s for the first download (the timeout has tests of its own).
    private static readonly TokenStatusListCheckerOptions SlowMachine = new() { Timeout = TimeSpan.FromSeconds(60) };

    public void Dispose()
    {
        store.Dispose();
        http.Dispose();
        server.Dispose();
        scenario.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
