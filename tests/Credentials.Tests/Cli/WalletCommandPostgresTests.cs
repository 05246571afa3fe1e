using System.Text.Json.Nodes;
using Credentials.Storage.Issuance;

namespace Credentials.Tests.Cli;

/// <summary>
/// The wallet and status commands with the issuer database in PostgreSQL (the state several hosts share), as an
/// operator runs them beside those hosts: the configuration, the credential and its status list entry are written
/// there, suspended, reinstated, published and revoked with the document, and no SQLite file appears instead.
/// </summary>
public sealed class WalletCommandPostgresTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private const string Jti = "5d0c3b2a-1e9f-4a8b-9c7d-6e5f4a3b2c1d";
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-cli-wallet-pg-").FullName;

    private string File(string name) => Path.Combine(folder, name);

    private static string[] Key => ["--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem")];

    [SkippableFact]
    public void Status_lists_and_wallet_credentials_live_in_PostgreSQL_through_every_command()
    {
        var store = postgres.NewSchema();
        Run(0, "status", "create", "wallet", "--base-uri", "https://status.example.org/lists/", "--store", store);
        var issued = Run(0, ["wallet", "issue", "isi", "--request", IsiRequest(), "--holder-jwk", Repository.Samples("keys", "holder.jwk.json"), "--store", store, "--status-list", "wallet", "--out", File("isi.sdjwt"), .. Key]);
        var credential = issued.Error.Split("credential id ")[1].Split(',')[0];

        Assert.Contains("Done: the credential is suspended", Run(0, "status", "suspend", "--credential", credential, "--store", store).Out, StringComparison.Ordinal);
        Assert.Contains("Done: the credential is valid again", Run(0, "status", "reinstate", "--credential", credential, "--store", store).Out, StringComparison.Ordinal);
        Assert.Contains("Published", Run(0, ["status", "publish", "--store", store, "--out-dir", File("www"), .. Key]).Out, StringComparison.Ordinal);
        Assert.NotEmpty(Directory.EnumerateFiles(File("www"), "*", SearchOption.AllDirectories));

        var revoked = Run(0, ["revoke", "--jti", Jti, "--list", File("revoked.jwt"), "--institution", "BE:0120", "--store", store, .. Key]);
        Assert.True(revoked.Out.Contains("Revoked 1 wallet credential", StringComparison.Ordinal), revoked.ToString());
        Assert.Contains("revocation is final", Run(1, "status", "reinstate", "--credential", credential, "--store", store).Error, StringComparison.Ordinal);

        // What the commands wrote is in the database: the document, and its credential against it.
        using var documents = IssuedDocumentStore.Open(store, TimeProvider.System);
        Assert.NotNull(documents.FindDocument(Jti));
        Assert.Equal(Jti, documents.FindCredential(credential)!.DocumentId);
        Assert.Empty(Directory.EnumerateFiles(folder, "*.db", SearchOption.AllDirectories));
    }

    private static CliProcess.Result Run(int exitCode, params string[] args)
    {
        var result = CliProcess.Run(args);
        Assert.True(result.ExitCode == exitCode, result.ToString());
        return result;
    }

    private string IsiRequest()
    {
        var request = JsonNode.Parse(System.IO.File.ReadAllText(Repository.Samples("requests", "isi.json")))!;
        request["isi"]!["di"] = "2026-06-01";
        request["jti"] = Jti;
        var path = File("isi.json");
        System.IO.File.WriteAllText(path, request.ToJsonString());
        return path;
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
