using Credentials.Model;
using Credentials.Storage.Accounts;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// Local accounts on a real SQLite file and a real PostgreSQL database: a password signs in only its account; five
/// wrong ones in a row lock it for fifteen minutes (the right one too); a disabled account never signs in; a reset
/// password replaces the old and lifts the lock; the database keeps a PBKDF2 hash, never the password.
/// </summary>
public sealed class LocalAccountStoreTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private const string Password = "correct horse battery staple";
    private static readonly InstitutionId Be0120 = InstitutionId.Parse("BE:0120");
    private static readonly InstitutionId Be0121 = InstitutionId.Parse("BE:0121");

    private readonly string folder = Directory.CreateTempSubdirectory("credentials-accounts-").FullName;
    private readonly FakeTimeProvider clock = Clock.At(new DateOnly(2026, 6, 15));

    public static TheoryData<string> Databases => new() { "sqlite", "postgresql" };

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void A_password_signs_in_its_account_with_its_institutions_and_nothing_else_does(string database)
    {
        using var store = Open(database);
        var created = store.Create("Alice@Insurer.example", Password, [Be0121, Be0120]);
        Assert.Equal("alice@insurer.example", created.UserName);
        store.Create("bob", "another long password", [Be0121]);

        var signedIn = store.SignIn("ALICE@insurer.example ", Password);
        Assert.NotNull(signedIn);
        Assert.Equal([Be0120, Be0121], signedIn.Institutions);
        Assert.Null(store.SignIn("alice@insurer.example", Password + " "));
        Assert.Null(store.SignIn("alice@insurer.example", "another long password"));
        Assert.Null(store.SignIn("carol", Password));
        Assert.Null(store.SignIn("alice@insurer.example", string.Empty));
        Assert.Equal(["alice@insurer.example", "bob"], store.List().Select(a => a.UserName));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void Five_wrong_passwords_in_a_row_lock_the_account_for_fifteen_minutes(string database)
    {
        using var store = Open(database);
        store.Create("alice", Password, [Be0120]);

        // A right password in between starts the count again.
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(store.SignIn("alice", "wrong password " + i));
        }

        Assert.NotNull(store.SignIn("alice", Password));
        for (var i = 0; i < 4; i++)
        {
            Assert.Null(store.SignIn("alice", "wrong password " + i));
        }

        Assert.NotNull(store.SignIn("alice", Password));
        for (var i = 0; i < 5; i++)
        {
            Assert.Null(store.SignIn("alice", "wrong password " + i));
        }

        Assert.Null(store.SignIn("alice", Password));
        Assert.Equal("locked", store.Find("alice")!.StateAt(clock.GetUtcNow()));
        clock.Advance(TimeSpan.FromMinutes(15) - TimeSpan.FromSeconds(1));
        Assert.Null(store.SignIn("alice", Password));
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.NotNull(store.SignIn("alice", Password));
        Assert.Equal("active", store.Find("alice")!.StateAt(clock.GetUtcNow()));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void A_disabled_account_never_signs_in_and_a_reset_password_replaces_the_old_and_lifts_a_lock(string database)
    {
        using var store = Open(database);
        store.Create("alice", Password, [Be0120]);
        store.Create("bob", Password, [Be0120]);
        for (var i = 0; i < 5; i++)
        {
            store.SignIn("alice", "wrong password");
        }

        Assert.Null(store.SignIn("alice", Password));
        store.ResetPassword("alice", "a brand new passphrase");
        Assert.NotNull(store.SignIn("alice", "a brand new passphrase"));
        Assert.Null(store.SignIn("alice", Password));

        var disabled = store.Disable("bob");
        Assert.Equal(clock.GetUtcNow(), disabled.DisabledAt);
        Assert.Null(store.SignIn("bob", Password));
        store.ResetPassword("bob", "a brand new passphrase");
        Assert.Null(store.SignIn("bob", "a brand new passphrase"));
        Assert.Equal("disabled", store.Find("bob")!.StateAt(clock.GetUtcNow()));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void What_cannot_be_an_account_is_refused_with_one_line(string database)
    {
        using var store = Open(database);
        store.Create("alice", Password, [Be0120]);
        Assert.Equal("there is already an account 'alice'.", Assert.Throws<AccountStoreException>(() => store.Create("ALICE", Password, [Be0120])).Message);
        Assert.Equal("a password is 12 to 256 characters, without control characters.", Assert.Throws<AccountStoreException>(() => store.Create("bob", "short", [Be0120])).Message);
        Assert.Equal("a password is 12 to 256 characters, without control characters.", Assert.Throws<AccountStoreException>(() => store.Create("bob", new string('p', 257), [Be0120])).Message);
        Assert.Equal("a user name is 1 to 64 letters, digits, '.', '-', '_' or '@'.", Assert.Throws<AccountStoreException>(() => store.Create("bob smith", Password, [Be0120])).Message);
        Assert.Equal("an account acts for 1 to 50 institutions; 0 were given.", Assert.Throws<AccountStoreException>(() => store.Create("bob", Password, [])).Message);
        Assert.Equal("there is no account 'carol'.", Assert.Throws<AccountStoreException>(() => store.Disable("carol")).Message);
        Assert.Equal("there is no account 'carol'.", Assert.Throws<AccountStoreException>(() => store.ResetPassword("carol", Password)).Message);
        Assert.Single(store.List());
    }

    [Fact]
    public void The_database_keeps_a_salted_PBKDF2_hash_never_the_password()
    {
        var path = Path.Combine(folder, "state.db");
        using (var store = LocalAccountStore.Open(path, clock))
        {
            store.Create("alice", Password, [Be0120]);
            store.Create("bob", Password, [Be0120]);
        }

        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var read = connection.CreateCommand();
        read.CommandText = "SELECT password_hash FROM local_accounts ORDER BY user_name;";
        using var reader = read.ExecuteReader();
        var hashes = new List<string>();
        while (reader.Read())
        {
            hashes.Add(reader.GetString(0));
        }

        Assert.All(hashes, hash => Assert.Matches("^pbkdf2-sha256\\$600000\\$[A-Za-z0-9+/=]{24}\\$[A-Za-z0-9+/=]{44}$", hash));
        Assert.NotEqual(hashes[0], hashes[1]);
        Assert.All(hashes, hash => Assert.DoesNotContain(Password, hash, StringComparison.Ordinal));
    }

    private LocalAccountStore Open(string database) => database == "sqlite"
        ? LocalAccountStore.Open(Path.Combine(folder, $"state-{Guid.NewGuid():N}.db"), clock)
        : LocalAccountStore.Open(postgres.NewSchema(), clock);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        NpgsqlConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
