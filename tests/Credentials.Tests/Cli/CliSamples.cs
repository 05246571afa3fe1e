using System.Text.Json.Nodes;

namespace Credentials.Tests.Cli;

/// <summary>What the black-box command-line tests issue with: the sample key, and a PRC request that issues on any day.</summary>
internal static class CliSamples
{
    /// <summary>The sample signer (BE:0120) as <c>--key</c> and <c>--cert</c>.</summary>
    public static string[] Key => ["--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem")];

    /// <summary>The treatment date the sample PRC covers (its entitlement runs 2026-06-01 to 2026-12-31).</summary>
    public const string TreatmentDate = "2026-06-20";

    /// <summary>A PRC request with a stated date of issuance inside the sample certificate, so it issues on any day.</summary>
    public static JsonObject PrcRequest(string jti = "cli-sample-1") => new()
    {
        ["jti"] = jti,
        ["rid"] = "https://revocation.example.org/BE-0120/prc",
        ["prc"] = new JsonObject
        {
            ["ic"] = "BE", ["fn"] = "Peeters", ["gn"] = "Jan", ["dob"] = "1980-00-00", ["hi"] = "80000012345",
            ["in"] = "CM", ["ii"] = "0120", ["sd"] = "2026-06-01", ["ed"] = "2026-12-31", ["di"] = "2026-06-15",
        },
    };

    /// <summary>Writes the sample request into <paramref name="folder"/> and returns its path.</summary>
    public static string WriteRequest(string folder, string name = "request.json")
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, PrcRequest().ToJsonString());
        return path;
    }

    /// <summary>The QR text of the sample PRC, issued by the command line.</summary>
    public static string IssueQrText(string folder)
    {
        var result = CliProcess.Run(["issue", "prc", "--request", WriteRequest(folder), .. Key]);
        Assert.True(result.ExitCode == 0, result.ToString());
        return result.Out.Trim();
    }

    /// <summary>Asserts a usage error: exit 2, a first line "credentials: …" holding <paramref name="expected"/>, no stack trace nor .NET text.</summary>
    public static void AssertUsageError(CliProcess.Result result, string expected)
    {
        Assert.True(result.ExitCode == 2, result.ToString());
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length <= 2, result.ToString()); // the error, and for a parse error "Run '… --help' for usage."
        Assert.StartsWith("credentials: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        foreach (var raw in new[] { "System.", "   at ", "(Parameter", "already exists", "Could not find", "cannot be an empty string" })
        {
            Assert.DoesNotContain(raw, result.Error, StringComparison.Ordinal);
        }
    }
}
