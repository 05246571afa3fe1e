using System.Globalization;
using Credentials.Model;
using Microsoft.Data.Sqlite;

namespace Credentials.Trust.Store;

/// <summary>
/// The persistent trust registry: one SQLite file, append-only. An import is one transaction, so a crash
/// leaves the previous state; the file is in WAL mode, so verifiers read while an import writes.
/// </summary>
public sealed class RegistryStore : IDisposable
{
    /// <summary>The first 16 bytes of every SQLite 3 database file.</summary>
    public static ReadOnlySpan<byte> FileHeader => "SQLite format 3\0"u8;

    private readonly SqliteConnection connection;

    private RegistryStore(SqliteConnection connection) => this.connection = connection;

    public static RegistryStore Open(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        try
        {
            connection.Open();
            Execute(connection, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = 10000;");
            RegistrySchema.Migrate(connection);
            return new RegistryStore(connection);
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new IOException($"'{path}' is not a usable registry database: {e.Message}", e);
        }
    }

    /// <summary>Whether a file starts like an SQLite database.</summary>
    public static bool IsDatabaseFile(string path)
    {
        var header = new byte[16];
        using var file = File.OpenRead(path);
        return file.Read(header) == 16 && header.AsSpan().SequenceEqual(FileHeader);
    }

    /// <summary>
    /// Brings the store in line with a full list of issuers (the resolver's list): adds what is new, updates
    /// changed validity, and marks as withdrawn what the list no longer holds. Refuses a list that would withdraw
    /// every issuer's every certificate; then nothing changes.
    /// </summary>
    public ImportReport Import(IReadOnlyList<RegistryIssuer> issuers, string source, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(issuers);
        using var transaction = connection.BeginTransaction();
        var at = Format(now);
        if (issuers.Count == 0 && Count("SELECT COUNT(*) FROM issuers", transaction) > 0)
        {
            throw new RegistryImportException("the list holds no issuer: importing it would withdraw every certificate. Nothing was changed.");
        }

        int issuersAdded = 0, certificatesAdded = 0, linksAdded = 0, linksChanged = 0, accreditationsAdded = 0;
        var listedLinks = new HashSet<(string, string, string)>();
        var listedPeriods = new HashSet<(string, string, string, string)>();
        foreach (var issuer in issuers)
        {
            var (country, id) = (issuer.Id.Country.Code, issuer.Id.LocalId);
            var added = Execute("INSERT OR IGNORE INTO issuers (country, official_id, name, first_seen) VALUES ($c, $i, $n, $at)", transaction, ("$c", country), ("$i", id), ("$n", issuer.Name), ("$at", at));
            issuersAdded += added;
            if (added == 0)
            {
                Execute("UPDATE issuers SET name = $n WHERE country = $c AND official_id = $i AND name <> $n", transaction, ("$c", country), ("$i", id), ("$n", issuer.Name));
            }

            foreach (var certificate in issuer.Certificates)
            {
                certificatesAdded += Execute("INSERT OR IGNORE INTO certificates (thumbprint, der, first_seen) VALUES ($t, $d, $at)", transaction, ("$t", certificate.Thumbprint), ("$d", certificate.RawData.ToArray()), ("$at", at));
                listedLinks.Add((country, id, certificate.Thumbprint));
                var (from, until) = (Format(certificate.ValidFrom), Format(certificate.ValidUntil));
                var inserted = Execute("INSERT OR IGNORE INTO issuer_certificates (country, official_id, thumbprint, valid_from, valid_until, first_seen) VALUES ($c, $i, $t, $f, $u, $at)", transaction, ("$c", country), ("$i", id), ("$t", certificate.Thumbprint), ("$f", from), ("$u", until), ("$at", at));
                linksAdded += inserted;
                if (inserted == 0)
                {
                    linksChanged += Execute("UPDATE issuer_certificates SET valid_from = $f, valid_until = $u, withdrawn_at = NULL WHERE country = $c AND official_id = $i AND thumbprint = $t AND (valid_from <> $f OR valid_until <> $u OR withdrawn_at IS NOT NULL)", transaction, ("$c", country), ("$i", id), ("$t", certificate.Thumbprint), ("$f", from), ("$u", until));
                }
            }

            foreach (var period in issuer.AccreditationPeriods)
            {
                var from = FormatDate(period.ValidFrom);
                listedPeriods.Add((country, id, period.PortableDocument, from));
                object until = period.ValidUntil is { } end ? FormatDate(end) : DBNull.Value;
                accreditationsAdded += Execute("INSERT OR IGNORE INTO accreditations (country, official_id, portable_document, valid_from, valid_until, first_seen) VALUES ($c, $i, $p, $f, $u, $at)", transaction, ("$c", country), ("$i", id), ("$p", period.PortableDocument), ("$f", from), ("$u", until), ("$at", at));
                Execute("UPDATE accreditations SET valid_until = $u, withdrawn_at = NULL WHERE country = $c AND official_id = $i AND portable_document = $p AND valid_from = $f AND (valid_until IS NOT $u OR withdrawn_at IS NOT NULL)", transaction, ("$c", country), ("$i", id), ("$p", period.PortableDocument), ("$f", from), ("$u", until));
            }
        }

        var linksWithdrawn = WithdrawUnlisted("SELECT country, official_id, thumbprint FROM issuer_certificates WHERE withdrawn_at IS NULL", "UPDATE issuer_certificates SET withdrawn_at = $at WHERE country = $a AND official_id = $b AND thumbprint = $c", row => listedLinks.Contains((row[0], row[1], row[2])), at, transaction);
        var accreditationsWithdrawn = WithdrawUnlisted("SELECT country, official_id, portable_document, valid_from FROM accreditations WHERE withdrawn_at IS NULL", "UPDATE accreditations SET withdrawn_at = $at WHERE country = $a AND official_id = $b AND portable_document = $c AND valid_from = $d", row => listedPeriods.Contains((row[0], row[1], row[2], row[3])), at, transaction);

        var report = new ImportReport(issuersAdded, certificatesAdded, linksAdded, linksChanged, linksWithdrawn, accreditationsAdded, accreditationsWithdrawn);
        Execute("INSERT INTO imports (at, source, issuers_added, certificates_added, links_added, links_changed, links_withdrawn, accreditations_added, accreditations_withdrawn) VALUES ($at, $s, $a, $b, $c, $d, $e, $f, $g)", transaction,
            ("$at", at), ("$s", source), ("$a", issuersAdded), ("$b", certificatesAdded), ("$c", linksAdded), ("$d", linksChanged), ("$e", linksWithdrawn), ("$f", accreditationsAdded), ("$g", accreditationsWithdrawn));
        transaction.Commit();
        return report;
    }

    /// <summary>
    /// The registry as a verifier uses it. Withdrawn links and periods stay, ending at their withdrawal, so a
    /// document issued while they held still verifies and one issued after does not.
    /// </summary>
    public TrustRegistry Load()
    {
        var certificates = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        ForEachRow("SELECT thumbprint, der FROM certificates", reader => certificates[reader.GetString(0)] = (byte[])reader[1]);

        var links = new Dictionary<(string, string), List<TrustedCertificate>>();
        ForEachRow("SELECT country, official_id, thumbprint, valid_from, valid_until, withdrawn_at FROM issuer_certificates", reader =>
        {
            var until = Parse(reader.GetString(4));
            if (!reader.IsDBNull(5) && Parse(reader.GetString(5)) is var withdrawn && withdrawn < until)
            {
                until = withdrawn;
            }

            var certificate = TrustedCertificate.FromDer(certificates[reader.GetString(2)], Parse(reader.GetString(3)), until);
            Add(links, (reader.GetString(0), reader.GetString(1)), certificate);
        });

        var periods = new Dictionary<(string, string), List<AccreditationPeriod>>();
        ForEachRow("SELECT country, official_id, portable_document, valid_from, valid_until, withdrawn_at FROM accreditations", reader =>
        {
            DateOnly? until = reader.IsDBNull(4) ? null : DateOnly.ParseExact(reader.GetString(4), "yyyy-MM-dd", CultureInfo.InvariantCulture);
            if (!reader.IsDBNull(5) && DateOnly.FromDateTime(Parse(reader.GetString(5)).UtcDateTime) is var withdrawn && (until is null || withdrawn < until))
            {
                until = withdrawn;
            }

            Add(periods, (reader.GetString(0), reader.GetString(1)), new AccreditationPeriod(reader.GetString(2), DateOnly.ParseExact(reader.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture), until));
        });

        var issuers = new List<RegistryIssuer>();
        ForEachRow("SELECT country, official_id, name FROM issuers ORDER BY country, official_id", reader =>
        {
            var key = (reader.GetString(0), reader.GetString(1));
            issuers.Add(new RegistryIssuer(InstitutionId.Create(IssuingCountry.Parse(key.Item1), key.Item2), reader.GetString(2), links.GetValueOrDefault(key) ?? [], periods.GetValueOrDefault(key) ?? []));
        });

        return new TrustRegistry(issuers, Status().LastImportAt);
    }

    public RegistryStatus Status()
    {
        DateTimeOffset? lastAt = null;
        string? lastSource = null;
        ForEachRow("SELECT at, source FROM imports ORDER BY id DESC LIMIT 1", reader =>
        {
            lastAt = Parse(reader.GetString(0));
            lastSource = reader.GetString(1);
        });

        return new RegistryStatus(RegistrySchema.CurrentVersion, Count("SELECT COUNT(*) FROM issuers", null), Count("SELECT COUNT(*) FROM certificates", null), Count("SELECT COUNT(*) FROM issuer_certificates WHERE withdrawn_at IS NOT NULL", null), lastAt, lastSource);
    }

    /// <summary>What the resolver at <paramref name="url"/> last answered: its validators, for a conditional request.</summary>
    public (string? ETag, string? LastModified)? GetSyncState(string url)
    {
        (string?, string?)? state = null;
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, last_modified FROM sync_sources WHERE url = $u";
        command.Parameters.AddWithValue("$u", url);
        using var reader = command.ExecuteReader();
        if (reader.Read())
        {
            state = (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1));
        }

        return state;
    }

    public void SetSyncState(string url, string? etag, string? lastModified, DateTimeOffset now) =>
        Execute("INSERT INTO sync_sources (url, etag, last_modified, last_success) VALUES ($u, $e, $m, $at) ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, last_success = excluded.last_success", null,
            ("$u", url), ("$e", (object?)etag ?? DBNull.Value), ("$m", (object?)lastModified ?? DBNull.Value), ("$at", Format(now)));

    /// <summary>Reserves the next snapshot sequence number (1, 2, …), never handed out twice.</summary>
    public long NextSnapshotSequence(DateTimeOffset now)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO snapshots (at) VALUES ($at) RETURNING seq";
        command.Parameters.AddWithValue("$at", Format(now));
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose() => connection.Dispose();

    private int WithdrawUnlisted(string select, string update, Func<string[], bool> listed, string at, SqliteTransaction transaction)
    {
        var unlisted = new List<string[]>();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = select;
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                var row = Enumerable.Range(0, reader.FieldCount).Select(reader.GetString).ToArray();
                if (!listed(row))
                {
                    unlisted.Add(row);
                }
            }
        }

        foreach (var row in unlisted)
        {
            var parameters = new List<(string, object)> { ("$at", at) };
            parameters.AddRange(row.Select((value, i) => ("$" + (char)('a' + i), (object)value)));
            Execute(update, transaction, [.. parameters]);
        }

        return unlisted.Count;
    }

    private int Execute(string sql, SqliteTransaction? transaction, params (string Name, object Value)[] parameters)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command.ExecuteNonQuery();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private int Count(string sql, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private void ForEachRow(string sql, Action<SqliteDataReader> row)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            row(reader);
        }
    }

    private static void Add<TKey, TValue>(Dictionary<TKey, List<TValue>> map, TKey key, TValue value)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(value);
    }

    private static string Format(DateTimeOffset instant) => Credentials.WireFormat.IsoInstant.Format(instant);

    private static string FormatDate(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
