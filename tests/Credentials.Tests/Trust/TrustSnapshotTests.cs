using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Revocation;
using Credentials.Tests.Support;
using Credentials.Trust;
using Credentials.Verification;
using Credentials.WireFormat;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Trust;

/// <summary>Signed snapshots for offline verifiers: only the operator's, never an older one, dated.</summary>
public sealed class TrustSnapshotTests : IDisposable
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 6, 15, 6, 0, 0, TimeSpan.Zero);
    private readonly Scenario scenario = Scenario.Es256();
    private readonly TestPki operatorPki = new(IssuedAt.AddYears(-1), "Credentials TEST registry operator CA");
    private readonly Credentials.Signing.CertificateSigner operatorIdentity;
    private readonly JwsSigner operatorSigner;
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-snapshot-").FullName;

    public TrustSnapshotTests()
    {
        operatorIdentity = operatorPki.IssueSigner("registry operator", rsa: false, IssuedAt.AddDays(-10), IssuedAt.AddYears(2));
        operatorSigner = new JwsSigner(operatorIdentity);
    }

    private string Snapshot(long sequence, DateTimeOffset? at = null) =>
        TrustSnapshotFormat.Sign([scenario.Demo.Issuer], sequence, at ?? IssuedAt, (at ?? IssuedAt).AddDays(1), operatorSigner);

    [Fact]
    public void A_snapshot_opens_with_the_operator_certificate_and_dates_the_trust_data()
    {
        var snapshot = TrustSnapshotFormat.Open(Snapshot(5), operatorIdentity.Certificate, highestAccepted: 4);
        Assert.Equal((5L, IssuedAt), (snapshot.Sequence, snapshot.IssuedAt));
        Assert.Equal(IssuedAt, snapshot.Registry.AsOf);
        var report = new QrTokenVerifier(snapshot.Registry, scenario.Clock).Verify(scenario.IssueValid().QrText, Scenario.Today);
        ReportAssert.Approved(report);
        Assert.Equal(IssuedAt, report.TrustDataAsOf);
    }

    [Fact]
    public void A_snapshot_signed_by_anyone_else_is_refused()
    {
        var other = new JwsSigner(scenario.Demo.Signer);
        var forged = TrustSnapshotFormat.Sign([scenario.Demo.Issuer], 9, IssuedAt, IssuedAt.AddDays(1), other);
        Assert.Equal(TrustSnapshotProblem.BadlySigned, Assert.Throws<TrustSnapshotException>(() => TrustSnapshotFormat.Open(forged, operatorIdentity.Certificate, null)).Problem);
    }

    [Fact]
    public void A_snapshot_altered_after_signing_is_refused()
    {
        var parts = Snapshot(3).Split('.');
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        payload["seq"] = 300;
        var altered = parts[0] + "." + TokenForge.B64(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
        Assert.Equal(TrustSnapshotProblem.BadlySigned, Assert.Throws<TrustSnapshotException>(() => TrustSnapshotFormat.Open(altered, operatorIdentity.Certificate, null)).Problem);
    }

    [Fact]
    public void A_forged_snapshot_whose_payload_is_also_damaged_is_reported_as_badly_signed()
    {
        var parts = Snapshot(3).Split('.');
        var junk = parts[0] + "." + TokenForge.B64("{\"typ\":"u8.ToArray()) + "." + parts[2];
        Assert.Equal(TrustSnapshotProblem.BadlySigned, Assert.Throws<TrustSnapshotException>(() => TrustSnapshotFormat.Open(junk, operatorIdentity.Certificate, null)).Problem);
    }

    [Fact]
    public void A_snapshot_file_with_surrounding_line_breaks_opens_and_carries_certificates_as_one_line_base64()
    {
        var text = Snapshot(2);
        var payload = Encoding.UTF8.GetString(System.Buffers.Text.Base64Url.DecodeFromChars(text.Split('.')[1]));
        Assert.DoesNotContain("BEGIN CERTIFICATE", payload, StringComparison.Ordinal);
        Assert.DoesNotContain("\\n", payload, StringComparison.Ordinal);
        var file = Encoding.ASCII.GetBytes("\n" + text + "\r\n");
        var registry = TrustSnapshotFormat.Open(file, operatorIdentity.Certificate, (long?)null).Registry;
        Assert.Equal(scenario.Demo.Issuer.Certificates[0].Thumbprint, registry.Issuers.Single().Certificates[0].Thumbprint);
    }

    [Fact]
    public void An_older_snapshot_than_the_one_held_is_refused_and_the_same_one_is_accepted_again()
    {
        Assert.Equal(TrustSnapshotProblem.Rollback, Assert.Throws<TrustSnapshotException>(() => TrustSnapshotFormat.Open(Snapshot(6), operatorIdentity.Certificate, highestAccepted: 7)).Problem);
        Assert.Equal(7, TrustSnapshotFormat.Open(Snapshot(7), operatorIdentity.Certificate, highestAccepted: 7).Sequence);
    }

    [Fact]
    public void Another_document_signed_by_the_operator_is_not_a_snapshot()
    {
        var list = RevocationListFormat.Sign(new RevocationList(DemoScenario.Institution, IssuedAt, IssuedAt.AddDays(1), new Dictionary<string, DateTimeOffset>()), operatorSigner);
        Assert.Equal(TrustSnapshotProblem.Malformed, Assert.Throws<TrustSnapshotException>(() => TrustSnapshotFormat.Open(list, operatorIdentity.Certificate, null)).Problem);
    }

    [Fact]
    public void A_snapshot_past_its_signed_next_update_never_approves()
    {
        // Issued nine days ago with a next update one day later: the operator said it must be replaced long ago.
        var snapshot = TrustSnapshotFormat.Open(Snapshot(1, IssuedAt.AddDays(-9)), operatorIdentity.Certificate, (long?)null);
        Assert.Equal(IssuedAt.AddDays(-8), snapshot.Registry.NextUpdate);
        ReportAssert.RejectedAt(new QrTokenVerifier(snapshot.Registry, scenario.Clock).Verify(scenario.IssueValid().QrText, Scenario.Today), VerificationStep.ResolveKey, FindingCode.TrustDataExpired);
    }

    [Fact]
    public void A_snapshot_within_its_next_update_but_older_than_the_hard_limit_never_approves()
    {
        var old = TrustSnapshotFormat.Sign([scenario.Demo.Issuer], 2, IssuedAt.AddDays(-9), IssuedAt.AddDays(2), operatorSigner);
        var snapshot = TrustSnapshotFormat.Open(old, operatorIdentity.Certificate, (long?)null);
        ReportAssert.RejectedAt(new QrTokenVerifier(snapshot.Registry, scenario.Clock).Verify(scenario.IssueValid().QrText, Scenario.Today), VerificationStep.ResolveKey, FindingCode.TrustDataTooOld);
    }

    [Fact]
    public void The_command_line_exports_a_signed_snapshot_verifies_with_it_and_refuses_an_older_one()
    {
        var database = Path.Combine(folder, "registry.db");
        var state = Path.Combine(folder, "trust-state.json");
        var key = Path.Combine(folder, "operator.key.pem");
        var cert = Path.Combine(folder, "operator.cert.pem");
        File.WriteAllText(key, ((ECDsa)operatorIdentity.AsAsymmetricAlgorithm()).ExportPkcs8PrivateKeyPem());
        File.WriteAllText(cert, operatorIdentity.Certificate.ExportCertificatePem());
        Assert.Equal(0, Cli.CliRunner.Run("registry", "import", Repository.Samples("registry.json"), "--registry", database).ExitCode);

        string Export(string name)
        {
            var path = Path.Combine(folder, name);
            var result = Cli.CliRunner.Run("registry", "export", "--signed", "--key", key, "--cert", cert, "--out", path, "--registry", database);
            Assert.True(result.ExitCode == 0, result.Error);
            return path;
        }

        var first = Export("snapshot-1.jwt");
        var second = Export("snapshot-2.jwt");
        var qr = Repository.Samples("prc-es256", "qr.png");
        Cli.CliRunner.Result Verify(string snapshot, params string[] extra) =>
            Cli.CliRunner.Run(["verify", qr, "--registry", snapshot, "--trust-state", state, "--offline", .. extra]);

        Assert.Equal(0, Verify(second, "--operator-cert", cert).ExitCode);
        var rollback = Verify(first, "--operator-cert", cert);
        Assert.Equal(2, rollback.ExitCode);
        Assert.Contains("lower than the 2 already accepted", rollback.Error, StringComparison.Ordinal);
        Assert.Contains("--operator-cert", Verify(second).Error, StringComparison.Ordinal);

        var plain = Path.Combine(folder, "list.json");
        Assert.Equal(0, Cli.CliRunner.Run("registry", "export", "--out", plain, "--registry", database).ExitCode);
        Assert.Equal(3, ResolverListFormat.Load(plain).Issuers.Count);
    }

    public void Dispose()
    {
        operatorIdentity.Dispose();
        operatorPki.Dispose();
        scenario.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
