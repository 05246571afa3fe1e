using Credentials.Database;
using Credentials.Storage.Offers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// The wallet-import state on a real SQLite file and a real PostgreSQL server: a code redeemed once, by one of two
/// store instances racing (as two hosts would); a redeemed offer taken once and then gone; expired offers and nonces
/// swept; nonces single-use; the token keys the same for every instance; only digests at rest.
/// </summary>
public sealed class OfferStoreTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("wallet-offers-").FullName;
    private readonly FakeTimeProvider clock = Clock.At(new DateOnly(2026, 6, 15));

    public static TheoryData<string> Databases => ["sqlite", "postgresql"];

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public async Task Two_instances_racing_for_each_code_redeem_it_exactly_once(string database)
    {
        var location = Location(database);
        using var first = OfferStore.Open(location, clock);
        using var second = OfferStore.Open(location, clock);
        var now = clock.GetUtcNow();
        const int Codes = 200;
        for (var i = 0; i < Codes; i++)
        {
            first.Create(Offer(i, txCode: null), now);
        }

        var wins = 0;
        await Task.WhenAll(Enumerable.Range(0, Codes).Select(i => Task.WhenAll(
            Task.Run(() => { if (first.Redeem($"code-{i}", null, now, now.AddMinutes(5)) is Redemption.Redeemed) Interlocked.Increment(ref wins); }),
            Task.Run(() => { if (second.Redeem($"code-{i}", null, now, now.AddMinutes(5)) is Redemption.Redeemed) Interlocked.Increment(ref wins); }))));
        Assert.Equal(Codes, wins);

        // Taken once for its credential request, and then no row is left of it.
        Assert.NotNull(second.TakeRedeemed("offer-0", "ehic_dc+sd-jwt", now));
        Assert.Null(first.TakeRedeemed("offer-0", "ehic_dc+sd-jwt", now));
        Assert.Null(first.Find("offer-0", now));
        Assert.Null(first.TakeRedeemed("offer-1", "ehic_dc+sd-jwt", now)); // offered the ISI+, asked the EHIC
        Assert.NotNull(first.Find("offer-1", now));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void Expired_offers_and_nonces_are_refused_and_swept_and_nonces_are_single_use(string database)
    {
        using var store = OfferStore.Open(Location(database), clock);
        var now = clock.GetUtcNow();
        store.Create(Offer(1, txCode: "tx-digest"), now);
        store.AddNonce("nonce-digest", now.AddMinutes(5));
        store.AddNonce("used-digest", now.AddMinutes(5));
        Assert.True(store.TakeNonce("used-digest", now));
        Assert.False(store.TakeNonce("used-digest", now));

        Assert.IsType<Redemption.TxCodeMissing>(store.Redeem("code-1", null, now, now.AddMinutes(5)));
        Assert.Equal(new Redemption.TxCodeWrong(4), store.Redeem("code-1", "wrong", now, now.AddMinutes(5)));

        var later = now.AddMinutes(11);
        Assert.IsType<Redemption.Unknown>(store.Redeem("code-1", "tx-digest", later, later.AddMinutes(5)));
        Assert.False(store.TakeNonce("nonce-digest", later));
        Assert.Equal(2, store.Sweep(later));
        Assert.Equal(0, Count(database, "SELECT COUNT(*) FROM wallet_offers") + Count(database, "SELECT COUNT(*) FROM wallet_nonces"));
    }

    [SkippableTheory]
    [MemberData(nameof(Databases))]
    public void Every_instance_gets_the_token_keys_the_first_one_stored(string database)
    {
        var location = Location(database);
        using var first = OfferStore.Open(location, clock);
        using var second = OfferStore.Open(location, clock);
        var stored = first.TokenKey("signing", () => [1, 2, 3], clock.GetUtcNow());
        Assert.Equal(stored, second.TokenKey("signing", () => [9, 9, 9], clock.GetUtcNow()));
        Assert.Equal([1, 2, 3], stored);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }

    private NewOffer Offer(int i, string? txCode) =>
        new($"offer-{i}", $"reference-{i}", $"code-{i}", txCode, $"document-{i}", "BE:0120", i % 2 == 0 ? "ehic_dc+sd-jwt" : "isi_plus_dc+sd-jwt", clock.GetUtcNow().AddMinutes(10));

    private string? schema;

    private DatabaseLocation Location(string database) => database == "sqlite"
        ? DatabaseLocation.Parse(Path.Combine(folder, "wallet-offers.db"))
        : DatabaseLocation.Parse(schema ??= postgres.NewSchema());

    private long Count(string database, string sql)
    {
        if (database == "sqlite")
        {
            using var sqlite = new SqliteConnection($"Data Source={Path.Combine(folder, "wallet-offers.db")}");
            sqlite.Open();
            return Convert.ToInt64(SqlCommands.Scalar(sqlite, null, sql), System.Globalization.CultureInfo.InvariantCulture);
        }

        using var connection = new NpgsqlConnection(schema);
        connection.Open();
        return Convert.ToInt64(SqlCommands.Scalar(connection, null, sql), System.Globalization.CultureInfo.InvariantCulture);
    }
}
