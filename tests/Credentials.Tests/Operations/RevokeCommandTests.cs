using System.Text;
using System.Text.Json.Nodes;
using Credentials.Model;
using Credentials.Revocation;

namespace Credentials.Tests.Operations;

/// <summary><c>credentials revoke</c> as users run it: many at once on one list, on a list changed behind its back, with bad input.</summary>
public sealed class RevokeCommandTests : IDisposable
{
    private static readonly string[] Key = ["--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem")];

    private readonly string folder = Directory.CreateTempSubdirectory("credentials-revoke-").FullName;

    private string List => Path.Combine(folder, "lists", "prc.jwt");

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 Certificate() =>
        System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Repository.Samples("keys", "es256.cert.pem")));

    private RevocationList Read()
    {
        using var certificate = Certificate();
        return RevocationListFormat.Open(File.ReadAllText(List), certificate, InstitutionId.Parse("BE:0120"));
    }

    [Fact]
    public async Task Twelve_revocations_run_at_once_on_one_list_all_land()
    {
        var runs = Enumerable.Range(1, 12)
            .Select(i => CliProcess.Start(["revoke", "--jti", $"par-{i}", "--list", List, .. Key, "--institution", "BE:0120"]))
            .ToList();
        var results = runs.Select(p => (Process: p, Error: p.StandardError.ReadToEndAsync(), Out: p.StandardOutput.ReadToEndAsync())).ToList();
        foreach (var (process, error, _) in results)
        {
            Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)));
            Assert.True(process.ExitCode == 0, await error);
            process.Dispose();
        }

        Assert.Equal(Enumerable.Range(1, 12).Select(i => $"par-{i}").Order(StringComparer.Ordinal), Read().Revoked.Keys.Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(List)!, "*.tmp"));
    }

    [Fact]
    public void A_list_changed_after_it_was_signed_is_refused_and_nothing_is_un_revoked()
    {
        Assert.Equal(0, CliProcess.Run(["revoke", "--jti", "first", "--list", List, .. Key, "--institution", "BE:0120"]).ExitCode);
        Assert.Equal(0, CliProcess.Run(["revoke", "--jti", "second", "--list", List, .. Key]).ExitCode);

        // Someone removes an entry from the payload and leaves the signature: revoking another id must not re-sign it.
        var parts = File.ReadAllText(List).Trim().Split('.');
        var payload = JsonNode.Parse(System.Buffers.Text.Base64Url.DecodeFromChars(parts[1]))!;
        payload["revoked"]!.AsArray().RemoveAt(0);
        var tampered = parts[0] + "." + System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(payload.ToJsonString())) + "." + parts[2];
        File.WriteAllText(List, tampered);

        var result = CliProcess.Run(["revoke", "--jti", "third", "--list", List, .. Key]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("does not verify", result.Error, StringComparison.Ordinal);
        Assert.Equal(tampered, File.ReadAllText(List));
    }

    [Fact]
    public void A_list_of_another_institution_is_refused()
    {
        Assert.Equal(0, CliProcess.Run(["revoke", "--jti", "first", "--list", List, .. Key, "--institution", "BE:0120"]).ExitCode);
        var result = CliProcess.Run(["revoke", "--jti", "x", "--list", List, .. Key, "--institution", "BE:0306"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("BE:0306", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("tab\there")]
    public void A_blank_or_unprintable_token_id_is_refused(string jti)
    {
        var result = CliProcess.Run(["revoke", "--jti", jti, "--list", List, .. Key, "--institution", "BE:0120"]);
        Assert.Equal(2, result.ExitCode);
        Assert.StartsWith("credentials: --jti:", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(List));
    }

    [Fact]
    public void A_folder_given_as_the_list_is_named_as_such()
    {
        var result = CliProcess.Run(["revoke", "--jti", "x", "--list", folder, .. Key, "--institution", "BE:0120"]);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("is a folder", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
