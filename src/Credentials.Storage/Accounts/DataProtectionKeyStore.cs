using Credentials.Database;

namespace Credentials.Storage.Accounts;

/// <summary>
/// The rows of the host's data-protection key ring in the state database: each key's XML element as the platform
/// wrote it, under a name unique to the key. Several hosts on one PostgreSQL database share the ring, so what one
/// protected (a sign-in cookie, an antiforgery token) another can read. Append-only: the platform never deletes a key,
/// it lets it expire. Safe to share between threads.
/// </summary>
public sealed class DataProtectionKeyStore : IDisposable
{
    /// <summary>The largest XML element stored: a key element is a few kilobytes.</summary>
    public const int MaxElementLength = 64 * 1024;

    private readonly AccountDatabase database;
    private readonly TimeProvider time;

    private DataProtectionKeyStore(AccountDatabase database, TimeProvider time)
    {
        this.database = database;
        this.time = time;
    }

    /// <summary>Where the ring is, for messages.</summary>
    public string Location => database.Location.Display;

    /// <summary>Opens the ring at <paramref name="location"/> (as <see cref="ApiKeyStore.Open"/>); throws <see cref="AccountStoreException"/>.</summary>
    public static DataProtectionKeyStore Open(string location, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new DataProtectionKeyStore(AccountDatabase.Open(location, time), time);
    }

    /// <summary>Every stored element, oldest first.</summary>
    public IReadOnlyList<string> All() => database.Read(connection =>
    {
        using var command = SqlCommands.Command(connection, null, "SELECT xml FROM data_protection_keys ORDER BY stored_at, name;");
        using var reader = command.ExecuteReader();
        var elements = new List<string>();
        while (reader.Read())
        {
            elements.Add(reader.GetString(0));
        }

        return elements;
    });

    /// <summary>
    /// Stores an element under <paramref name="name"/>; a name already stored keeps its first element (two hosts
    /// that both made the first key each keep reading both: the platform's names are the keys' random ids).
    /// </summary>
    public void Add(string name, string xml)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(xml);
        if (xml.Length > MaxElementLength)
        {
            throw new AccountStoreException($"a data-protection key element is at most {MaxElementLength} characters.");
        }

        var now = StoredInstant.Format(time.GetUtcNow());
        database.Write("data-protection", (connection, transaction) =>
            SqlCommands.Execute(connection, transaction, "INSERT INTO data_protection_keys (name, xml, stored_at) VALUES (@name, @xml, @at) ON CONFLICT (name) DO NOTHING;", ("@name", name), ("@xml", xml), ("@at", now)));
    }

    /// <inheritdoc/>
    public void Dispose() => database.Dispose();
}
