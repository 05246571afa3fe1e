using System.Globalization;
using Credentials.Database;
using Credentials.Model;
using Credentials.Storage.Issuance;
using Microsoft.Data.Sqlite;

namespace Credentials.Host.Issuing;

/// <summary>
/// The host's issuer database (SQLite, WAL, one <c>BEGIN IMMEDIATE</c> transaction per write so several processes may
/// share it): the issued documents (<see cref="SqliteIssuedDocumentStore"/>, shared with the wallet offers) and the
/// host's own tables (<see cref="IssuingSchema"/>): what was delivered, suspensions, batch jobs and the audit trail.
/// Thread-safe: each operation opens its own pooled connection.
/// </summary>
internal sealed class IssuingStore : IDisposable
{
    private readonly string connectionString;
    private readonly TimeProvider time;

    private IssuingStore(string path, SqliteIssuedDocumentStore documents, TimeProvider time)
    {
        Path = path;
        Documents = documents;
        this.time = time;
        connectionString = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The database file.</summary>
    public string Path { get; }

    /// <summary>The issued documents and the wallet credentials minted from them.</summary>
    public SqliteIssuedDocumentStore Documents { get; }

    /// <summary>Opens (creating when missing) the issuer database and applies the missing migrations; throws <see cref="IssuerStateException"/>.</summary>
    public static IssuingStore Open(string path, TimeProvider time)
    {
        var documents = SqliteIssuedDocumentStore.Open(path, time);
        var store = new IssuingStore(path, documents, time);
        try
        {
            using var connection = store.Connect();
            SchemaMigrator.Migrate(connection, SqlDialect.Sqlite, IssuingSchema.Component, time.GetUtcNow());
            return store;
        }
        catch (Exception e) when (e is SqliteException or InvalidOperationException or DatabaseException)
        {
            store.Dispose();
            throw new IssuerStateException($"the issuer database '{System.IO.Path.GetFileName(path)}' cannot be used: {e.Message}", e);
        }
    }

    /// <summary>Records what was delivered for a document already recorded in <see cref="Documents"/>; false when it was delivered before.</summary>
    public bool RecordDelivered(string id, InstitutionId institution, string kind, string documentNumber, string qrText) => Write(c =>
        Execute(c, "INSERT INTO host_documents (jti, institution, kind, document_number, qr_text, issued_at) VALUES ($id, $institution, $kind, $number, $qr, $at) ON CONFLICT (jti) DO NOTHING;",
            ("$id", id), ("$institution", institution.ToString()), ("$kind", kind), ("$number", documentNumber), ("$qr", qrText), ("$at", Format(time.GetUtcNow()))) == 1);

    /// <summary>The delivered document <paramref name="id"/>, or null.</summary>
    public IssuedRecord? Find(string id) => Read(c => Select(c, "WHERE d.jti = $value", ("$value", id)).FirstOrDefault());

    /// <summary>The delivered documents of <paramref name="institutions"/> with this document number or <c>jti</c>, newest first (at most 100).</summary>
    public IReadOnlyList<IssuedRecord> Search(IReadOnlyCollection<string> institutions, string number) => Read(c =>
        Select(c, "WHERE (d.document_number = $value OR d.jti = $value) ORDER BY d.issued_at DESC LIMIT 100", ("$value", number))
            .Where(r => institutions.Contains(r.Institution.ToString())).ToList());

    /// <summary>The documents of <paramref name="institution"/> on its revocation list: revoked ones (for good) and suspended ones, with the instant each went on it.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Listed(InstitutionId institution) => Read(c =>
    {
        var listed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var command = Command(c, """
            SELECT r.document_jti, MIN(r.revoked_at) FROM document_revocations r JOIN issued_documents d ON d.jti = r.document_jti WHERE d.institution = $institution GROUP BY r.document_jti
            UNION ALL
            SELECT s.jti, s.suspended_at FROM host_suspensions s JOIN host_documents d ON d.jti = s.jti WHERE d.institution = $institution;
            """, ("$institution", institution.ToString()));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            listed.TryAdd(reader.GetString(0), Parse(reader.GetString(1)));
        }

        return listed;
    });

    /// <summary>Suspends the document (true) or reinstates it (true when it was suspended).</summary>
    public bool SetSuspended(string id, bool suspended) => Write(c => suspended
        ? Execute(c, "INSERT INTO host_suspensions (jti, suspended_at) VALUES ($id, $at) ON CONFLICT (jti) DO NOTHING;", ("$id", id), ("$at", Format(time.GetUtcNow()))) == 1
        : Execute(c, "DELETE FROM host_suspensions WHERE jti = $id;", ("$id", id)) == 1);

    /// <summary>Appends one write to the audit trail.</summary>
    public void Audit(string actor, string institution, string action, string subject) => Write(c =>
        Execute(c, "INSERT INTO host_audit (at, actor, institution, action, subject) VALUES ($at, $actor, $institution, $action, $subject);",
            ("$at", Format(time.GetUtcNow())), ("$actor", actor), ("$institution", institution), ("$action", action), ("$subject", subject)));

    /// <summary>The audit trail, oldest first.</summary>
    public IReadOnlyList<AuditRecord> AuditTrail() => Read(c =>
    {
        var trail = new List<AuditRecord>();
        using var command = Command(c, "SELECT at, actor, institution, action, subject FROM host_audit ORDER BY id;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            trail.Add(new AuditRecord(Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return trail;
    });

    /// <summary>Records a batch job and its items, all pending (or failed for lines that are no request), in one transaction.</summary>
    public void CreateJob(string id, IReadOnlyList<string> institutions, string actor, Uri publicBase, IReadOnlyList<BatchItem> items) => Write(c =>
    {
        Execute(c, "INSERT INTO host_batch_jobs (id, institutions, actor, public_base, created_at) VALUES ($id, $institutions, $actor, $base, $at);", ("$id", id), ("$institutions", string.Join(' ', institutions)), ("$actor", actor), ("$base", publicBase.AbsoluteUri), ("$at", Format(time.GetUtcNow())));
        foreach (var item in items)
        {
            Execute(c, "INSERT INTO host_batch_items (job_id, line, jti, request, state, problems) VALUES ($job, $line, $jti, $request, $state, $problems);",
                ("$job", id), ("$line", item.Line), ("$jti", (object?)item.Id ?? DBNull.Value), ("$request", (object?)item.Request ?? DBNull.Value), ("$state", item.State), ("$problems", (object?)item.Problems ?? DBNull.Value));
        }

        return 0;
    });

    /// <summary>The job, or null.</summary>
    public BatchJobStatus? FindJob(string id) => Read(c =>
    {
        using var command = Command(c, "SELECT institutions, actor, created_at, finished_at, public_base FROM host_batch_jobs WHERE id = $id;", ("$id", id));
        using var reader = command.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        var items = new List<BatchItem>();
        using (var itemCommand = Command(c, "SELECT line, jti, request, state, problems FROM host_batch_items WHERE job_id = $id ORDER BY line;", ("$id", id)))
        using (var itemReader = itemCommand.ExecuteReader())
        {
            while (itemReader.Read())
            {
                items.Add(new BatchItem(itemReader.GetInt64(0), itemReader.IsDBNull(1) ? null : itemReader.GetString(1), itemReader.IsDBNull(2) ? null : (byte[])itemReader.GetValue(2), itemReader.GetString(3), itemReader.IsDBNull(4) ? null : itemReader.GetString(4)));
            }
        }

        return new BatchJobStatus(id, reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries), reader.GetString(1), new Uri(reader.GetString(4)), Parse(reader.GetString(2)), reader.IsDBNull(3) ? null : Parse(reader.GetString(3)), items);
    });

    /// <summary>The jobs not finished yet, oldest first: what a restarted host picks up.</summary>
    public IReadOnlyList<string> UnfinishedJobs() => Read(c =>
    {
        var ids = new List<string>();
        using var command = Command(c, "SELECT id FROM host_batch_jobs WHERE finished_at IS NULL ORDER BY created_at, id;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    });

    /// <summary>Marks an item issued or failed and drops its request (the personal data it holds is kept no longer than needed).</summary>
    public void CompleteItem(string jobId, long line, bool issued, string? problems) => Write(c =>
        Execute(c, "UPDATE host_batch_items SET state = $state, problems = $problems, request = NULL WHERE job_id = $job AND line = $line;",
            ("$state", issued ? "issued" : "failed"), ("$problems", (object?)problems ?? DBNull.Value), ("$job", jobId), ("$line", line)));

    /// <summary>Marks the job finished.</summary>
    public void FinishJob(string jobId) => Write(c => Execute(c, "UPDATE host_batch_jobs SET finished_at = $at WHERE id = $id AND finished_at IS NULL;", ("$at", Format(time.GetUtcNow())), ("$id", jobId)));

    /// <summary>Lets go of the pooled connections.</summary>
    public void Dispose()
    {
        Documents.Dispose();
        using var connection = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static List<IssuedRecord> Select(Connection c, string where, params (string Name, object Value)[] parameters)
    {
        var records = new List<IssuedRecord>();
        using var command = Command(c, """
            SELECT d.jti, d.institution, d.kind, d.document_number, d.qr_text, d.issued_at,
                   EXISTS (SELECT 1 FROM document_revocations r WHERE r.document_jti = d.jti),
                   EXISTS (SELECT 1 FROM host_suspensions s WHERE s.jti = d.jti)
            FROM host_documents d
            """ + " " + where + ";", parameters);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            var state = reader.GetBoolean(6) ? DocumentState.Revoked : reader.GetBoolean(7) ? DocumentState.Suspended : DocumentState.Valid;
            records.Add(new IssuedRecord(reader.GetString(0), InstitutionId.Parse(reader.GetString(1)), reader.GetString(2), reader.GetString(3), reader.GetString(4), Parse(reader.GetString(5)), state));
        }

        return records;
    }

    private static string Format(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private T Write<T>(Func<Connection, T> work) => Run(deferred: false, work);

    private T Read<T>(Func<Connection, T> work) => Run(deferred: true, work);

    private T Run<T>(bool deferred, Func<Connection, T> work)
    {
        try
        {
            using var connection = Connect();
            using var transaction = connection.BeginTransaction(deferred);
            var result = work(new Connection(connection, transaction));
            transaction.Commit();
            return result;
        }
        catch (SqliteException e)
        {
            throw new IssuerStateException($"the issuer database failed: SQLite error {e.SqliteErrorCode}.", e);
        }
    }

    private SqliteConnection Connect()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout = 30000; PRAGMA foreign_keys = ON;";
        command.ExecuteNonQuery();
        return connection;
    }

    private static int Execute(Connection c, string sql, params (string Name, object Value)[] parameters)
    {
        using var command = Command(c, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static SqliteCommand Command(Connection c, string sql, params (string Name, object Value)[] parameters)
    {
        var command = c.Database.CreateCommand();
        command.Transaction = c.Transaction;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return command;
    }

    private readonly record struct Connection(SqliteConnection Database, SqliteTransaction Transaction);
}
