using System.Text;
using System.Text.Json.Nodes;
using Credentials.Tests.Support;

namespace Credentials.Tests.Operations;

/// <summary>What a new user met on a fresh clone, as black-box runs of the command line (a child process).</summary>
public sealed class NewUserDefectTests : IDisposable
{
    private static readonly string[] Key = ["--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem")];

    private readonly string folder = Directory.CreateTempSubdirectory("credentials-new-user-").FullName;

    /// <summary>A PRC request with a stated date of issuance (inside the sample certificate), so it issues on any day.</summary>
    private static JsonObject Request() => new()
    {
        ["jti"] = "new-user-1",
        ["rid"] = "https://revocation.example.org/BE-0120/prc",
        ["prc"] = new JsonObject
        {
            ["ic"] = "BE", ["fn"] = "Peeters", ["gn"] = "Jan", ["dob"] = "1980-00-00", ["hi"] = "80000012345",
            ["in"] = "CM", ["ii"] = "0120", ["sd"] = "2026-06-01", ["ed"] = "2026-12-31", ["di"] = "2026-06-15",
        },
    };

    private string Write(string name, string content, bool byteOrderMark = false)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content, new UTF8Encoding(byteOrderMark));
        return path;
    }

    [Theory]
    [InlineData("fn", "   ", "/prc/fn")]
    [InlineData("gn", "", "/prc/gn")]
    [InlineData("hi", "\t", "/prc/hi")]
    public void A_blank_value_is_never_signed(string member, string value, string path)
    {
        var request = Request();
        request["prc"]![member] = value;
        var result = CliProcess.Run(["issue", "prc", "--request", Write("blank.json", request.ToJsonString()), .. Key]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"at {path}", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Out);
    }

    [Fact]
    public void A_blank_token_id_is_never_signed()
    {
        var request = Request();
        request["jti"] = " ";
        var result = CliProcess.Run(["issue", "prc", "--request", Write("blank-jti.json", request.ToJsonString()), .. Key]);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("at /jti", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_request_saved_with_a_UTF8_byte_order_mark_is_issued()
    {
        var result = CliProcess.Run(["issue", "prc", "--request", Write("bom.json", Request().ToJsonString(), byteOrderMark: true), .. Key]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches("^[0-9A-Z $%*+./:-]+$", result.Out.TrimEnd('\n'));
    }

    [Fact]
    public void A_request_that_is_not_JSON_is_unusable_input_like_a_wrong_document_type()
    {
        var notJson = CliProcess.Run(["issue", "prc", "--request", Write("not.json", "this is not JSON"), .. Key]);
        var wrongKind = CliProcess.Run(["issue", "ehic", "--request", Write("prc.json", Request().ToJsonString()), .. Key]);
        Assert.Equal((2, 2), (notJson.ExitCode, wrongKind.ExitCode));
        Assert.Contains("use `credentials issue prc`", wrongKind.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_where_a_file_is_expected_is_named_as_such_and_nothing_is_left_behind()
    {
        var request = CliProcess.Run(["issue", "prc", "--request", folder, .. Key]);
        Assert.Equal(2, request.ExitCode);
        Assert.Contains("is a folder", request.Error, StringComparison.Ordinal);

        var output = Directory.CreateDirectory(Path.Combine(folder, "out.pdf")).FullName;
        var pdf = CliProcess.Run(["issue", "prc", "--request", Write("ok.json", Request().ToJsonString()), .. Key, "--out-pdf", output]);
        Assert.Equal(2, pdf.ExitCode);
        Assert.Contains("is a folder", pdf.Error, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp", SearchOption.AllDirectories));
    }

    [Fact]
    public void Every_output_may_go_to_standard_output()
    {
        var request = Write("ok.json", Request().ToJsonString());
        var token = CliProcess.Run(["issue", "prc", "--request", request, .. Key, "--out-token", "-"]);
        Assert.Equal(0, token.ExitCode);
        Assert.Equal(3, token.Out.Trim().Split('.').Length);
        Assert.Contains("Token written to standard output", token.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void The_operator_certificate_is_refused_with_a_registry_that_is_not_a_snapshot()
    {
        var qr = Write("qr.txt", CliProcess.Run(["issue", "prc", "--request", Write("ok.json", Request().ToJsonString()), .. Key]).Out);
        var result = CliProcess.Run(["verify", qr, "--registry", Repository.Samples("registry.json"), "--operator-cert", Repository.Samples("keys", "es256.cert.pem"), "--offline"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--operator-cert", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Offline_the_report_says_revocation_was_skipped_by_choice_and_a_date_of_birth_prints_with_00()
    {
        var qr = Write("qr.txt", CliProcess.Run(["issue", "prc", "--request", Write("ok.json", Request().ToJsonString()), .. Key]).Out);
        var result = CliProcess.Run(["verify", qr, "--registry", Repository.Samples("registry.json"), "--offline", "--treatment-date", "2026-06-20"]);
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("skipped by choice (offline)", result.Out, StringComparison.Ordinal);
        Assert.Contains("00/00/1980", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("XX", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void The_export_PDF_of_an_eEHIC_is_titled_and_labelled_as_a_card()
    {
        var request = new JsonObject
        {
            ["jti"] = "card-1",
            ["ehic"] = new JsonObject
            {
                ["ic"] = "BE", ["fn"] = "Peeters", ["gn"] = "Jan", ["dob"] = "1980-00-00", ["hi"] = "80000012345",
                ["in"] = "CM", ["ii"] = "0120", ["ci"] = "01200000000000012345", ["xd"] = "2028-06-30", ["di"] = "2026-06-15",
            },
        };
        var qr = Write("card.txt", CliProcess.Run(["issue", "ehic", "--request", Write("card.json", request.ToJsonString()), .. Key]).Out);
        var pdf = Path.Combine(folder, "export.pdf");
        var result = CliProcess.Run(["verify", qr, "--registry", Repository.Samples("registry.json"), "--offline", "--treatment-date", "2026-06-20", "--export-pdf", pdf]);
        Assert.True(result.ExitCode == 0, result.ToString());
        var text = PdfTools.Text(File.ReadAllBytes(pdf));
        Assert.Contains("European Health Insurance Card", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Provisional Replacement", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Certificate validity period", text, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
