using System.Text.Json.Nodes;
using Credentials.Tests.Support;

namespace Credentials.Tests.Cli;

/// <summary>The command line as a user runs it: exit codes, messages, files, and never a stack trace.</summary>
public sealed class CliTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-test-").FullName;

    private static string Sample(params string[] parts) => Repository.Samples(parts);

    [Fact]
    public void Demo_runs_on_embedded_defaults_and_approves_what_it_issued()
    {
        var result = CliRunner.Run("demo", "--out", folder);
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("ePRC verification: APPROVED", result.Out, StringComparison.Ordinal);
        foreach (var file in new[] { "qr.png", "qr.svg", "qr.base45.txt", "token.jwt", "registry.json", "report.json", "report.pdf", "eprc.pdf", "ehic.pdf", "isi.pdf", "request.json", "signer.cert.pem" })
        {
            Assert.True(File.Exists(Path.Combine(folder, file)), file);
        }

        Assert.Empty(Directory.GetFiles(folder, "*key*"));
        Assert.Equal("Approved", (string?)JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "report.json")))!["conclusion"]);

        // The wallet part: the sample holder's eEHIC issued to the sample holder key, presented with key binding, verified.
        Assert.Contains("Wallet credential (urn:eudi:ehic:1) verification: APPROVED", result.Out, StringComparison.Ordinal);
        Assert.Contains($"The wallet credential is {Path.Combine(folder, "wallet-ehic.sdjwt")}", result.Out, StringComparison.Ordinal);
        var wallet = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "wallet-report.json")))!;
        Assert.Equal("credentials:verification-export:2.0", (string?)wallet["schema"]);
        Assert.Equal("Approved", (string?)wallet["conclusion"]);
        Assert.True((bool)wallet["keyBinding"]!["verified"]!);
        Assert.Equal("PASSED", (string?)wallet["steps"]!.AsArray().Single(s => (string?)s!["name"] == "key-binding")!["result"]);
        var holder = JsonNode.Parse(File.ReadAllText(Sample("keys", "holder.jwk.json")))!;
        Assert.True(Credentials.Wallet.SdJwt.SdJwtToken.TryParse(File.ReadAllText(Path.Combine(folder, "wallet-ehic.sdjwt")).Trim(), null, out var issued, out _));
        Assert.Equal((string?)holder["x"], (string?)JsonNode.Parse(issued.IssuerSigned.Payload.Span)!["cnf"]!["jwk"]!["x"]);
        Assert.Null(JsonNode.Parse(File.ReadAllText(Path.Combine(folder, "holder.jwk.json")))!["d"]);

        // The printed command verifies the presentation again (the demo's clock has not moved).
        var again = result.Out.Split('\n').Single(l => l.Contains("credentials wallet verify", StringComparison.Ordinal));
        var arguments = again[(again.IndexOf("credentials wallet verify", StringComparison.Ordinal) + "credentials ".Length)..].Trim().Split(' ');
        Assert.Equal(0, CliRunner.Run(arguments).ExitCode);
    }

    [Fact]
    public void Demo_without_arguments_writes_to_a_fresh_temporary_folder()
    {
        var result = CliRunner.Run("demo");
        Assert.Equal(0, result.ExitCode);
        var line = result.Out.Split('\n').Single(l => l.StartsWith("Files in ", StringComparison.Ordinal));
        var written = line["Files in ".Length..line.IndexOf(':', StringComparison.Ordinal)];
        Assert.True(File.Exists(Path.Combine(written, "qr.png")));
        Directory.Delete(written, recursive: true);
    }

    [Fact]
    public void Issue_then_verify_the_PNG_with_the_sample_registry()
    {
        var png = Path.Combine(folder, "prc.png");
        var issue = CliRunner.Run("issue", "prc", "--request", Sample("requests", "prc.json"), "--key", Sample("keys", "rs256.key.pem"), "--cert", Sample("keys", "rs256.cert.pem"),
            "--out-png", png, "--out-token", Path.Combine(folder, "t.jwt"), "--out-qr-text", Path.Combine(folder, "q.txt"), "--out-svg", Path.Combine(folder, "q.svg"));
        Assert.True(issue.ExitCode == 0, issue.Error);
        Assert.Contains("RS256", issue.Error, StringComparison.Ordinal);

        var verify = CliRunner.Run("verify", "--offline", png, "--registry", Sample("registry.json"));
        Assert.True(verify.ExitCode == 0, verify.Out + verify.Error);
        Assert.Contains("APPROVED", verify.Out, StringComparison.Ordinal);
        Assert.Contains("Dupont-Müller", verify.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Issue_without_outputs_prints_the_QR_text_and_verify_reads_it_from_standard_input()
    {
        var issue = CliRunner.Run("issue", "prc", "--request", Sample("requests", "prc.json"), "--key", Sample("keys", "es256.p12"), "--password", "sample-password");
        Assert.Equal(0, issue.ExitCode);
        var verify = CliRunner.Run(CliRunner.FixedClock(), issue.Out, "verify", "--offline", "-", "--registry", Sample("registry.json"), "--format", "json");
        Assert.Equal(0, verify.ExitCode);
        var export = JsonNode.Parse(verify.Out)!;
        Assert.Equal("Approved", (string?)export["conclusion"]);
        Assert.Equal("BE", (string?)export["issuer"]!["country"]);
    }

    [Fact]
    public void The_sample_QR_code_verifies_as_the_README_shows()
    {
        var result = CliRunner.Run("verify", "--offline", Sample("prc-es256", "qr.png"), "--registry", Sample("registry.json"));
        Assert.True(result.ExitCode == 0, result.Out);
    }

    [Fact]
    public void A_rejected_document_exits_1_and_names_the_failed_step()
    {
        var vector = Repository.Vectors("ec-prc-john-doe");
        var result = CliRunner.Run("verify", "--offline", Path.Combine(vector, "qr.base45.txt"), "--registry", Path.Combine(vector, "registry.json"), "--treatment-date", "2025-12-02");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("REJECTED", result.Out, StringComparison.Ordinal);
        Assert.Contains("TREATMENT_AFTER_ENTITLEMENT", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_export_file_is_written_beside_the_report()
    {
        var vector = Repository.Vectors("ec-prc-john-doe");
        var export = Path.Combine(folder, "export.json");
        var result = CliRunner.Run("verify", "--offline", Path.Combine(vector, "qr.base45.txt"), "--registry", Path.Combine(vector, "registry.json"), "--treatment-date", "2025-10-01", "--export", export, "--verifier-name", "AZ Test Hospital");
        Assert.Equal(0, result.ExitCode);
        var json = JsonNode.Parse(File.ReadAllText(export))!;
        Assert.Equal("AZ Test Hospital", (string?)json["verifier"]!["name"]);
        Assert.Equal("Doe", (string?)json["payload"]!["prc"]!["fn"]);
    }

    [Fact]
    public void A_refused_request_exits_1_and_lists_every_problem()
    {
        var result = CliRunner.Run("issue", "prc", "--request", Sample("requests", "prc-invalid.json"), "--key", Sample("keys", "es256.key.pem"), "--cert", Sample("keys", "es256.cert.pem"));
        Assert.Equal(1, result.ExitCode);
        Assert.True(result.Error.Split('\n').Count(l => l.StartsWith("error:", StringComparison.Ordinal)) >= 5, result.Error);
    }

    public static TheoryData<string[], string> UnusableInputs => new()
    {
        { ["verify"], "Required argument missing" },
        { ["verify", "missing-file.txt", "--registry", "samples/registry.json"], "does not exist" },
        { ["verify", "-", "--registry", "missing.json"], "missing.json" },
        { ["verify", "-", "--registry", "samples/registry.json", "--treatment-date", "01/10/2025"], "YYYY-MM-DD" },
        { ["verify", "-", "--registry", "samples/registry.json", "--format", "xml"], "xml" },
        { ["issue", "prc", "--request", "samples/requests/prc.json", "--key", "samples/keys/es256.key.encrypted.pem", "--cert", "samples/keys/es256.cert.pem"], "password" },
        { ["issue", "prc", "--request", "samples/requests/prc.json", "--key", "samples/keys/es256.key.pem", "--cert", "samples/keys/rs256.cert.pem"], "does not belong" },
        { ["frobnicate"], "frobnicate" },
        { ["verify", "--frob", "samples/prc-es256/qr.png", "--registry", "samples/registry.json"], "'--frob' is not an option of 'credentials verify'" },
    };

    [Fact]
    public void Bare_credentials_prints_the_help()
    {
        var result = CliRunner.Run();
        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Out, StringComparison.Ordinal);
        Assert.Contains("verify", result.Out, StringComparison.Ordinal);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void An_error_points_to_the_help_of_the_command_that_was_run()
    {
        var result = CliRunner.Run("issue", "prc");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Run 'credentials issue prc --help' for usage.", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void With_format_json_an_unusable_input_is_a_JSON_error_object_on_standard_output()
    {
        var result = CliRunner.Run("verify", "missing-file.txt", "--registry", "samples/registry.json", "--format", "json");
        Assert.Equal(2, result.ExitCode);
        var error = System.Text.Json.Nodes.JsonNode.Parse(result.Out)!["error"]!;
        Assert.Equal(2, (int)error["exitCode"]!);
        Assert.Contains("does not exist", (string)error["message"]!, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(UnusableInputs))]
    public void Unusable_input_exits_2_with_a_message_and_no_stack_trace(string[] args, string expected)
    {
        var absolute = args.Select(a => a.StartsWith("samples/", StringComparison.Ordinal) ? Path.Combine(Repository.Root, a) : a).ToArray();
        var result = CliRunner.Run(CliRunner.FixedClock(), "ABC", absolute);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_registry_that_does_not_parse_is_reported_with_its_location()
    {
        var registry = Path.Combine(folder, "bad-registry.json");
        File.WriteAllText(registry, """{"issuers":[{"officialID":"0120","countryCode":"BE","certificates":[{"certificatePEM":"not a certificate"}]}]}""");
        var result = CliRunner.Run("verify", "--offline", Sample("prc-es256", "qr.base45.txt"), "--registry", registry);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("issuers[0].certificates[0].certificatePEM", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void An_image_without_a_QR_code_exits_2_and_says_so()
    {
        var blank = Path.Combine(folder, "blank.png");
        File.WriteAllBytes(blank, ImageTools.ToPng(new Credentials.Scanning.GreyImage(Enumerable.Repeat((byte)255, 200 * 200).ToArray(), 200, 200)));
        var result = CliRunner.Run("verify", "--offline", blank, "--registry", Sample("registry.json"));
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("no QR code", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Damaged_QR_text_is_a_rejection_at_step_2_not_a_crash()
    {
        var result = CliRunner.Run(CliRunner.FixedClock(), "THIS IS NOT A VALID PRC", "verify", "--offline", "-", "--registry", Sample("registry.json"));
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("2. NOT PASSED", result.Out, StringComparison.Ordinal);
        Assert.Contains("[NOT_BASE_45]", result.Out, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
