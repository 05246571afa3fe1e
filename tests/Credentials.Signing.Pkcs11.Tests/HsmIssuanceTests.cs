using System.Text.Json.Nodes;
using Credentials.Batch;
using Credentials.Issuance;
using Credentials.Model;
using Credentials.Scanning;
using Credentials.Trust;
using Credentials.Verification;

namespace Credentials.Signing.Pkcs11.Tests;

/// <summary>Documents issued with a key that never leaves the token: one through the command line, a batch on two workers.</summary>
[Collection(SoftHsmTests.Name)]
public sealed class HsmIssuanceTests(SoftHsmFixture fixture) : IDisposable
{
    /// <summary>The date of issuance the requests state, inside the test certificates' validity, so no test depends on today.</summary>
    private static readonly DateOnly IssuedOn = new(2026, 6, 15);

    private readonly string folder = Directory.CreateTempSubdirectory("credentials-hsm-").FullName;

    private static string Request(int number) => new JsonObject
    {
        ["jti"] = $"hsm-{number:D5}",
        ["prc"] = new JsonObject
        {
            ["ic"] = "BE", ["fn"] = $"Peeters-{number}", ["gn"] = "Jan", ["dob"] = "1980-02-29", ["hi"] = "80022912345",
            ["in"] = "CM", ["ii"] = "0120", ["sd"] = "2026-06-01", ["ed"] = "2026-12-31", ["di"] = "2026-06-15",
        },
    }.ToJsonString();

    private TrustRegistry Registry() => new(
        [new RegistryIssuer(InstitutionId.Parse("BE:0120"), "CM", [new TrustedCertificate(fixture.Es256Certificate)], [new AccreditationPeriod("EHIC", new DateOnly(2020, 1, 1), null)])],
        new DateTimeOffset(2026, 6, 20, 8, 0, 0, TimeSpan.Zero));

    private static QrTokenVerifier Verifier(TrustRegistry registry) =>
        new(registry, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 20, 12, 0, 0, TimeSpan.Zero)));

    private Dictionary<string, string> Environment(string pin = SoftHsmFixture.Pin) => new()
    {
        ["SOFTHSM2_CONF"] = Path.Combine(fixture.Hsm.Folder, "softhsm2.conf"),
        ["CREDENTIALS_PKCS11_PIN"] = pin,
    };

    [SkippableFact]
    public void The_command_line_issues_a_PDF_with_the_token_key_and_it_verifies()
    {
        var request = Path.Combine(folder, "request.json");
        var pdf = Path.Combine(folder, "prc.pdf");
        File.WriteAllText(request, Request(1));

        var result = CliProcess.Run(
            ["issue", "prc", "--request", request, "--pkcs11-module", fixture.Hsm.ModulePath, "--token-label", SoftHsmFixture.TokenLabel, "--key-label", TestKeys.Es256, "--out-pdf", pdf],
            environment: Environment());

        Assert.True(result.ExitCode == 0, result.ToString());
        var scanned = Assert.IsType<QrCodeInput>(VerifierInput.Read(File.ReadAllBytes(pdf)));
        var report = Verifier(Registry()).VerifyOffline(scanned.QrTexts.Single(), new DateOnly(2026, 6, 20));
        Assert.True(report.IsApproved, string.Join("\n", report.Steps.Select(s => $"{s.Step}: {s.Message}")));
    }

    [SkippableFact]
    public void A_wrong_PIN_is_one_clear_line_that_never_shows_the_PIN()
    {
        var request = Path.Combine(folder, "request.json");
        File.WriteAllText(request, Request(2));
        const string Wrong = "wrong-pin-90210";

        var result = CliProcess.Run(
            ["issue", "prc", "--request", request, "--pkcs11-module", fixture.Hsm.ModulePath, "--token-label", SoftHsmFixture.TokenLabel, "--key-label", TestKeys.Es256],
            environment: Environment(Wrong));

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("PIN", line, StringComparison.Ordinal);
        Assert.DoesNotContain(Wrong, result.Error + result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_PIN_is_never_taken_from_the_command_line()
    {
        var result = CliProcess.Run(["issue", "prc", "--request", "x.json", "--pkcs11-module", fixture.Hsm.ModulePath, "--token-label", SoftHsmFixture.TokenLabel, "--key-label", TestKeys.Es256, "--pin", "1234"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("'--pin' is not an option", result.Error, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_batch_of_1000_PDFs_is_signed_on_two_workers_sharing_the_token_key()
    {
        var requests = Path.Combine(folder, "batch.jsonl");
        File.WriteAllLines(requests, Enumerable.Range(0, 1000).Select(Request));
        var output = Path.Combine(folder, "out");
        using var signer = Pkcs11CertificateSigner.Open(fixture.Options(TestKeys.Es256, maxSessions: 2));

        var summary = new BatchIssuer(signer, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 12, 0, 0, TimeSpan.Zero)))
            .Run(requests, new BatchOptions { OutputFolder = output, Labels = Credentials.Printing.DocumentLabels.Get("en"), Workers = 2 });

        Assert.Equal((1000L, 0L), (summary.Issued, summary.Failed));
        Assert.Equal(1000, Directory.EnumerateFiles(output, "*.pdf").Count());
        var verifier = Verifier(Registry());
        foreach (var number in new[] { 0, 499, 999 })
        {
            var pdf = File.ReadAllBytes(Path.Combine(output, $"hsm-{number:D5}.pdf"));
            var scanned = Assert.IsType<QrCodeInput>(VerifierInput.Read(pdf));
            Assert.True(verifier.VerifyOffline(scanned.QrTexts.Single(), new DateOnly(2026, 6, 20)).IsApproved);
        }
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
