using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Model;
using Credentials.Trust;
using Microsoft.Data.Sqlite;

namespace Credentials.Tests.Operations;

/// <summary>
/// A list that names an institution or a certificate more than once gives the same answer from the JSON file, from the
/// database it was imported into, and from that database's export (the rule of <see cref="ListedIssuers"/>).
/// </summary>
public sealed class DuplicateListingTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-duplicates-").FullName;

    public static TheoryData<string, string, string> Lists => new()
    {
        // case, step 4 in every path, what the import says
        { "identical institution, certificate as PEM and as PEM encoded twice", "RESOLVED", "Merged 3 identical duplicate(s)" },
        { "institution listed again with another name", "KEY_AMBIGUOUS", "BE:0120 is listed 2 times with different names or accreditation periods" },
        { "institution listed again with another accreditation", "KEY_AMBIGUOUS", "BE:0120 is listed 2 times with different names or accreditation periods" },
        { "certificate listed again with another validity", "KEY_AMBIGUOUS", "BE:0120 lists certificate mE5QLHp1-iqcF3GXUnBEGxv39HRXB_BA0FKrNGh3Nek with 2 different validity periods" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public void The_file_the_database_and_its_export_agree(string kind, string expected, string said)
    {
        var list = Path.Combine(folder, "list.json");
        File.WriteAllText(list, ListWith(kind));
        var database = Path.Combine(folder, "registry.db");

        var import = CliProcess.Run("registry", "import", list, "--registry", database);
        Assert.True(import.ExitCode == 0, import.ToString());
        Assert.Contains(said, import.Out + import.Error, StringComparison.Ordinal);
        if (expected == "KEY_AMBIGUOUS")
        {
            Assert.Contains("credentials: warning: ", import.Error, StringComparison.Ordinal);
            Assert.Contains("KEY_AMBIGUOUS", import.Error, StringComparison.Ordinal);
        }

        var export = Path.Combine(folder, "export.json");
        var exported = CliProcess.Run("registry", "export", "--registry", database, "--out", export);
        Assert.True(exported.ExitCode == 0, exported.ToString());

        Assert.Equal(expected, StepFour(list));
        Assert.Equal(expected, StepFour(database));
        Assert.Equal(expected, StepFour(export));
    }

    [Fact]
    public void An_ambiguous_institution_leaves_the_others_trusted()
    {
        var issuers = ResolverListFormat.Read(Encoding.UTF8.GetBytes(ListWith("institution listed again with another name")));
        var registry = new TrustRegistry(issuers);
        var es256 = registry.Issuers.First(i => i.Id.LocalId == "0306").Certificates[0];
        var key = Credentials.WireFormat.EessiKeyId.FromThumbprint(es256.Thumbprint);
        Assert.Equal(KeyResolutionOutcome.Ambiguous, registry.Resolve(key, InstitutionId.Parse("BE:0120")).Outcome);
        Assert.Equal(KeyResolutionOutcome.Resolved, registry.Resolve(key, InstitutionId.Parse("BE:0306")).Outcome);
        Assert.Equal(KeyResolutionOutcome.Resolved, registry.Resolve(key, InstitutionId.Parse("BE:0500")).Outcome);
    }

    [Theory]
    [MemberData(nameof(Lists))]
    public void The_rule_gives_the_same_answer_when_applied_to_its_own_result(string kind, string expected, string said)
    {
        _ = said;
        var once = ListedIssuers.Merge(ResolverListFormat.Read(Encoding.UTF8.GetBytes(ListWith(kind))));
        var twice = ListedIssuers.Merge(once.Issuers);
        var thumbprint = "mE5QLHp1-iqcF3GXUnBEGxv39HRXB_BA0FKrNGh3Nek";
        Assert.Equal(expected == "KEY_AMBIGUOUS", once.IsAmbiguous(InstitutionId.Parse("BE:0120"), thumbprint));
        Assert.Equal(once.IsAmbiguous(InstitutionId.Parse("BE:0120"), thumbprint), twice.IsAmbiguous(InstitutionId.Parse("BE:0120"), thumbprint));
        Assert.Equal(once.Issuers.Count, twice.Issuers.Count);
        Assert.Equal(0, twice.MergedDuplicates);
        Assert.Equal(once.AmbiguousLinks, twice.AmbiguousLinks);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>The sample list with BE:0120 (which signed the sample document) given twice in the named way.</summary>
    private static string ListWith(string kind)
    {
        var root = JsonNode.Parse(File.ReadAllText(Repository.Samples("registry.json")))!;
        var issuers = root["issuers"]!.AsArray();
        var first = issuers[0]!;
        Assert.Equal("0120", (string?)first["officialID"]);
        var again = first.DeepClone();
        switch (kind)
        {
            case "identical institution, certificate as PEM and as PEM encoded twice":
                // As seen in the EESSI acceptance environment: the PEM text itself base64-encoded.
                var pem = (string)again["certificates"]![0]!["certificatePEM"]!;
                again["certificates"]![0]!["certificatePEM"] = Convert.ToBase64String(Encoding.ASCII.GetBytes(pem));
                issuers.Add(again);
                break;
            case "institution listed again with another name":
                again["name"] = "CM (another name)";
                issuers.Add(again);
                break;
            case "institution listed again with another accreditation":
                again["accreditationPeriods"]![0]!["validUntil"] = "2027-12-31";
                issuers.Add(again);
                break;
            default:
                var line = first["certificates"]![0]!.DeepClone();
                line["validUntil"] = "2030-06-30T00:00:00Z";
                first["certificates"]!.AsArray().Add(line);
                break;
        }

        return root.ToJsonString();
    }

    /// <summary>
    /// Step 4 of verifying the sample document against a registry: RESOLVED when the key resolved (passed, or a warning
    /// about the trust data's age, which a JSON list does not state), else the code it failed with.
    /// </summary>
    private static string StepFour(string registry)
    {
        var verify = CliProcess.Run("verify", Repository.Samples("prc-es256", "qr.base45.txt"), "--registry", registry, "--offline", "--format", "json");
        Assert.True(verify.ExitCode is 0 or 1, verify.ToString());
        using var report = JsonDocument.Parse(verify.Out);
        var step = report.RootElement.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == 4);
        var result = step.GetProperty("result").GetString()!;
        return result is "PASSED" or "WARNING" ? "RESOLVED" : step.GetProperty("code").GetString()!;
    }
}
