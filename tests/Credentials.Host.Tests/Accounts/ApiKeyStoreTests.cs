using Credentials.Database;
using Credentials.Model;
using Credentials.Storage;
using Credentials.Storage.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// The API key store on a real SQLite file and a real PostgreSQL database: a key works only as created (its whole
/// text), only while neither expired nor revoked; a rotation's old secret dies at once or after its grace period; the
/// database holds only hashes; the keys travel with <c>store copy</c>.
/// </summary>
public sealed class ApiKeyStoreTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly InstitutionId Be0120 = InstitutionId.Parse("BE:0120");
    private static readonly InstitutionId Be0121 = InstitutionId.Parse("BE:0121");

    private readonly string folder = Directory.CreateTempSubdirectory("credentials-apikeys-").FullName;
    private readonly FakeTimeProvider clock = Clock.At(new DateOnly(2026, 6, 15));

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void A_created_key_authenticates_with_its_institutions_and_nothing_like_it_does(string database)
    {
        using var store = Open(database);
        var issued = store.Create("billing system", [Be0121, Be0120, Be0120]);
        Assert.StartsWith("crk_" + issued.Key.Id + "_", issued.Secret, StringComparison.Ordinal);
        Assert.Equal(64, issued.Secret.Length);

        var key = store.Authenticate(issued.Secret);
        Assert.NotNull(key);
        Assert.Equal("billing system", key.Name);
        Assert.Equal([Be0120, Be0121], key.Institutions);
        Assert.Equal(clock.GetUtcNow(), key.CreatedAt);

        // One character changed anywhere, a truncated key, another key's id with this secret: nothing is accepted.
        var last = issued.Secret[^1] == 'A' ? 'B' : 'A';
        Assert.Null(store.Authenticate(issued.Secret[..^1] + last));
        Assert.Null(store.Authenticate(issued.Secret[..^1]));
        Assert.Null(store.Authenticate(issued.Secret + "A"));
        var other = store.Create("other", [Be0120]);
        Assert.Null(store.Authenticate(other.Secret[..21] + issued.Secret[21..]));
        Assert.Null(store.Authenticate(string.Empty));
        Assert.Null(store.Authenticate(null));
        Assert.Null(store.Authenticate(issued.Secret.ToUpperInvariant()));
        Assert.NotNull(store.Authenticate(other.Secret));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void Two_keys_never_share_an_id_or_a_secret(string database)
    {
        using var store = Open(database);
        var keys = Enumerable.Range(0, 50).Select(i => store.Create($"key {i}", [Be0120])).ToList();
        Assert.Equal(50, keys.Select(k => k.Key.Id).Distinct().Count());
        Assert.Equal(50, keys.Select(k => k.Secret[21..]).Distinct().Count());
        Assert.Equal(50, store.List().Count);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void A_key_stops_at_its_expiry_and_at_its_revocation(string database)
    {
        using var store = Open(database);
        var expiring = store.Create("until tomorrow", [Be0120], clock.GetUtcNow().AddDays(1));
        var revoked = store.Create("revoked", [Be0120]);
        Assert.NotNull(store.Authenticate(expiring.Secret));

        var revokedKey = store.Revoke(revoked.Key.Id);
        Assert.Equal(clock.GetUtcNow(), revokedKey.RevokedAt);
        Assert.Null(store.Authenticate(revoked.Secret));

        clock.Advance(TimeSpan.FromDays(1) - TimeSpan.FromTicks(1));
        Assert.NotNull(store.Authenticate(expiring.Secret));
        clock.Advance(TimeSpan.FromTicks(1));
        Assert.Null(store.Authenticate(expiring.Secret));
        Assert.Equal("expired", store.Find(expiring.Key.Id)!.StateAt(clock.GetUtcNow()));
        Assert.Equal("revoked", store.Find(revoked.Key.Id)!.StateAt(clock.GetUtcNow()));

        // Revoking again changes nothing: the key keeps the time it was first revoked at.
        Assert.Equal(revokedKey.RevokedAt, store.Revoke(revoked.Key.Id).RevokedAt);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void A_rotation_kills_the_old_secret_at_once_or_at_the_end_of_its_grace_period(string database)
    {
        using var store = Open(database);
        var first = store.Create("rotated", [Be0120]);
        var second = store.Rotate(first.Key.Id);
        Assert.Equal(first.Key.Id, second.Key.Id);
        Assert.NotEqual(first.Secret, second.Secret);
        Assert.Null(store.Authenticate(first.Secret));
        Assert.NotNull(store.Authenticate(second.Secret));

        var third = store.Rotate(first.Key.Id, TimeSpan.FromHours(1));
        Assert.Equal(clock.GetUtcNow().AddHours(1), third.Key.PreviousSecretExpiresAt);
        Assert.NotNull(store.Authenticate(second.Secret));
        Assert.NotNull(store.Authenticate(third.Secret));
        Assert.Null(store.Authenticate(first.Secret));
        clock.Advance(TimeSpan.FromHours(1));
        Assert.Null(store.Authenticate(second.Secret));
        Assert.NotNull(store.Authenticate(third.Secret));

        // Revoking ends a grace period too.
        var fourth = store.Rotate(first.Key.Id, TimeSpan.FromDays(1));
        store.Revoke(first.Key.Id);
        Assert.Null(store.Authenticate(third.Secret));
        Assert.Null(store.Authenticate(fourth.Secret));
        var refused = Assert.Throws<AccountStoreException>(() => store.Rotate(first.Key.Id));
        Assert.Equal($"the API key {first.Key.Id} is revoked: create a new one.", refused.Message);
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void What_cannot_be_a_key_is_refused_with_one_line(string database)
    {
        using var store = Open(database);
        Assert.Equal("an API key signs for 1 to 50 institutions; 0 were given.", Assert.Throws<AccountStoreException>(() => store.Create("none", [])).Message);
        Assert.StartsWith("an API key's name is 1 to 100 characters", Assert.Throws<AccountStoreException>(() => store.Create(" ", [Be0120])).Message, StringComparison.Ordinal);
        Assert.StartsWith("an API key's name is 1 to 100 characters", Assert.Throws<AccountStoreException>(() => store.Create("a\nb", [Be0120])).Message, StringComparison.Ordinal);
        Assert.StartsWith("an API key's name is 1 to 100 characters", Assert.Throws<AccountStoreException>(() => store.Create(new string('n', 101), [Be0120])).Message, StringComparison.Ordinal);
        Assert.Equal("the key's expiry is not in the future.", Assert.Throws<AccountStoreException>(() => store.Create("past", [Be0120], clock.GetUtcNow())).Message);
        Assert.Equal("there is no API key 0123456789abcdef.", Assert.Throws<AccountStoreException>(() => store.Rotate("0123456789abcdef")).Message);
        Assert.Equal("there is no API key 0123456789abcdef.", Assert.Throws<AccountStoreException>(() => store.Revoke("0123456789abcdef")).Message);
        var key = store.Create("k", [Be0120]);
        Assert.Equal("the grace period is 0 to 30 days.", Assert.Throws<AccountStoreException>(() => store.Rotate(key.Key.Id, TimeSpan.FromDays(31))).Message);
        Assert.Single(store.List());
    }

    [Fact]
    public void The_database_keeps_the_hash_of_a_key_never_the_key()
    {
        var path = Path.Combine(folder, "state.db");
        string secret;
        using (var store = ApiKeyStore.Open(path, clock))
        {
            secret = store.Create("scanned", [Be0120]).Secret;
            Assert.DoesNotContain(secret, store.List().Single().ToString(), StringComparison.Ordinal);
        }

        SqliteConnection.ClearAllPools();
        using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            connection.Open();
            using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
            checkpoint.ExecuteNonQuery();
            using var read = connection.CreateCommand();
            read.CommandText = "SELECT secret_sha256 FROM api_keys;";
            Assert.Equal(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(secret)), (byte[])read.ExecuteScalar()!);
        }

        SqliteConnection.ClearAllPools();
        var bytes = File.ReadAllBytes(path);
        var text = System.Text.Encoding.Latin1.GetString(bytes);
        Assert.DoesNotContain(secret[21..], text, StringComparison.Ordinal);
        Assert.Contains("scanned", text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Store_copy_carries_the_keys_into_PostgreSQL_where_they_still_authenticate()
    {
        var path = Path.Combine(folder, "state.db");
        IssuedApiKey issued;
        using (var store = ApiKeyStore.Open(path, clock))
        {
            issued = store.Create("copied", [Be0120, Be0121]);
            store.Revoke(store.Create("revoked before the copy", [Be0120]).Key.Id);
        }

        var target = postgres.NewSchema();
        var components = DatabaseCopy.ComponentsIn(path, IssuerStateSchema.Components);
        Assert.Contains(components, component => component.Name == "accounts");
        var report = DatabaseCopy.Copy(path, DatabaseLocation.Parse(target), components, replace: false, clock.GetUtcNow());
        Assert.Equal(2, report.Tables.Single(t => t.Table == "api_keys").Rows);
        Assert.Equal(3, report.Tables.Single(t => t.Table == "api_key_institutions").Rows);

        using var shared = ApiKeyStore.Open(target, clock);
        Assert.Equal([Be0120, Be0121], shared.Authenticate(issued.Secret)!.Institutions);
        Assert.Equal(["active", "revoked"], shared.List().Select(k => k.StateAt(clock.GetUtcNow())).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public void Two_hosts_on_one_PostgreSQL_database_see_each_other_s_keys_and_revocations()
    {
        var location = postgres.NewSchema();
        using var first = ApiKeyStore.Open(location, clock);
        using var second = ApiKeyStore.Open(location, clock);
        var issued = first.Create("shared", [Be0120]);
        Assert.NotNull(second.Authenticate(issued.Secret));
        second.Revoke(issued.Key.Id);
        Assert.Null(first.Authenticate(issued.Secret));
    }

    [Fact]
    public void An_unusable_database_is_named_in_one_line()
    {
        Assert.Equal($"the state database '{folder}' is a folder, not a database file.", Assert.Throws<AccountStoreException>(() => ApiKeyStore.Open(folder, clock)).Message);
        var notDatabase = Path.Combine(folder, "notes.txt");
        File.WriteAllText(notDatabase, "these are not the tables you are looking for, not by a long way; plain text.");
        Assert.Equal($"the state database '{notDatabase}' cannot be used: it is damaged or not a database file.", Assert.Throws<AccountStoreException>(() => ApiKeyStore.Open(notDatabase, clock)).Message);
        var unreachable = Assert.Throws<AccountStoreException>(() => ApiKeyStore.Open("Host=127.0.0.1;Port=1;Username=u;Password=secret-password;Database=d;Timeout=2", clock));
        Assert.Equal("the state database: cannot connect to PostgreSQL at 127.0.0.1:1/d: connection refused (is the server running, and listening there?).", unreachable.Message);
    }

    private ApiKeyStore Open(string database) => database == "sqlite"
        ? ApiKeyStore.Open(Path.Combine(folder, $"state-{Guid.NewGuid():N}.db"), clock)
        : ApiKeyStore.Open(postgres.NewSchema(), clock);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
