using System.Data.Common;
using System.Globalization;
using Credentials.Database;
using Credentials.Model;
using Credentials.Storage;
using Credentials.Storage.Issuance;

namespace Credentials.Host.Issuing;

/// <summary>
/// The host's issuer database, an SQLite file for one machine or PostgreSQL shared by several hosts: the issued
/// documents (<see cref="IssuedDocumentStore"/>, shared with the wallet offers) and the host's own tables
/// (<see cref="IssuerStateSchema.HostIssuing"/>): what was delivered, suspensions, batch jobs, the audit trail and
/// the signed revocation lists. What must happen once is one conditional statement (a document delivered once, a
/// batch item claimed by one host), so hosts sharing the database never do it twice. Thread-safe: each operation
/// takes its own pooled connection.
/// </summary>
internal sealed class IssuingStore : IDisposable
{
    private readonly StateDatabase database;
    private readonly TimeProvider time;

    private IssuingStore(StateDatabase database, IssuedDocumentStore documents, TimeProvider time)
    {
        this.database = database;
        Documents = documents;
        this.time = time;
    }

    /// <summary>Where the database is.</summary>
    public DatabaseLocation Location => database.Location;

    /// <summary>The issued documents and the wallet credentials minted from them.</summary>
    public IssuedDocumentStore Documents { get; }

    /// <summary>Opens (creating an SQLite file when missing) the issuer database and applies the missing migrations; throws <see cref="IssuerStateException"/>.</summary>
    public static IssuingStore Open(DatabaseLocation location, TimeProvider time)
    {
        var documents = IssuedDocumentStore.Open(location, time);
        try
        {
            return new IssuingStore(StateDatabase.Open(location, [IssuerStateSchema.HostIssuing], time.GetUtcNow()), documents, time);
        }
        catch (DatabaseException e)
        {
            documents.Dispose();
            throw new IssuerStateException(StateDatabase.CannotUse("issuer database", location, e), e);
        }
    }

    /// <summary>Records what was delivered for a document already recorded in <see cref="Documents"/>; false when it was delivered before (by this host or another).</summary>
    public bool RecordDelivered(string id, InstitutionId institution, string kind, string documentNumber, string qrText) => Write(null, (c, t) =>
        SqlCommands.Execute(c, t, "INSERT INTO host_documents (jti, institution, kind, document_number, qr_text, issued_at) VALUES (@id, @institution, @kind, @number, @qr, @at) ON CONFLICT (jti) DO NOTHING;",
            ("@id", id), ("@institution", institution.ToString()), ("@kind", kind), ("@number", documentNumber), ("@qr", qrText), ("@at", Format(time.GetUtcNow()))) == 1);

    /// <summary>The delivered document <paramref name="id"/>, or null.</summary>
    public IssuedRecord? Find(string id) => Read((c, t) => Select(c, t, "WHERE d.jti = @value", ("@value", id)).FirstOrDefault());

    /// <summary>The delivered documents of <paramref name="institutions"/> with this document number or <c>jti</c>, newest first (at most 100).</summary>
    public IReadOnlyList<IssuedRecord> Search(IReadOnlyList<string> institutions, string number)
    {
        if (institutions.Count == 0)
        {
            return [];
        }

        var names = institutions.Select((_, i) => "@i" + i.ToString(CultureInfo.InvariantCulture)).ToList();
        var parameters = institutions.Select((institution, i) => (names[i], (object?)institution)).Append(("@value", number)).ToArray();
        return Read((c, t) => Select(c, t, $"WHERE d.institution IN ({string.Join(", ", names)}) AND (d.document_number = @value OR d.jti = @value) ORDER BY d.issued_at DESC LIMIT 100", parameters));
    }

    /// <summary>The documents of <paramref name="institution"/> on its revocation list: revoked ones (for good) and suspended ones, with the instant each went on it.</summary>
    public IReadOnlyDictionary<string, DateTimeOffset> Listed(InstitutionId institution) => Read((c, t) => Listed(c, t, institution));

    /// <summary>Suspends the document (true) or reinstates it (true when it was suspended).</summary>
    public bool SetSuspended(string id, bool suspended) => Write(null, (c, t) => suspended
        ? SqlCommands.Execute(c, t, "INSERT INTO host_suspensions (jti, suspended_at) VALUES (@id, @at) ON CONFLICT (jti) DO NOTHING;", ("@id", id), ("@at", Format(time.GetUtcNow()))) == 1
        : SqlCommands.Execute(c, t, "DELETE FROM host_suspensions WHERE jti = @id;", ("@id", id)) == 1);

    /// <summary>Appends one write to the audit trail.</summary>
    public void Audit(string actor, string institution, string action, string subject) => Write(null, (c, t) =>
        SqlCommands.Execute(c, t, "INSERT INTO host_audit (at, actor, institution, action, subject) VALUES (@at, @actor, @institution, @action, @subject);",
            ("@at", Format(time.GetUtcNow())), ("@actor", actor), ("@institution", institution), ("@action", action), ("@subject", subject)));

    /// <summary>The audit trail, oldest first.</summary>
    public IReadOnlyList<AuditRecord> AuditTrail() => Read((c, t) =>
    {
        var trail = new List<AuditRecord>();
        using var command = SqlCommands.Command(c, t, "SELECT at, actor, institution, action, subject FROM host_audit ORDER BY id;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            trail.Add(new AuditRecord(Parse(reader.GetString(0)), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4)));
        }

        return trail;
    });

    /// <summary>
    /// Signs the revocation list at <paramref name="path"/> from what the database lists for <paramref name="institution"/>
    /// now (<paramref name="sign"/> gets it) and keeps it as the list every host serves. Publications of one list take
    /// turns across the hosts and each reads the list inside its turn, so the last one kept holds every change
    /// committed before it. Returns the signed list.
    /// </summary>
    public string PublishRevocationList(string path, InstitutionId institution, Func<IReadOnlyDictionary<string, DateTimeOffset>, (string Jwt, DateTimeOffset NextUpdate)> sign) =>
        Write("revocation-list:" + path, (c, t) =>
        {
            var (jwt, nextUpdate) = sign(Listed(c, t, institution));
            SqlCommands.Execute(
                c,
                t,
                "INSERT INTO host_revocation_lists (path, institution, jwt, issued_at, next_update) VALUES (@path, @institution, @jwt, @at, @next) " +
                "ON CONFLICT (path) DO UPDATE SET institution = excluded.institution, jwt = excluded.jwt, issued_at = excluded.issued_at, next_update = excluded.next_update;",
                ("@path", path),
                ("@institution", institution.ToString()),
                ("@jwt", jwt),
                ("@at", Format(time.GetUtcNow())),
                ("@next", Format(nextUpdate)));
            return jwt;
        });

    /// <summary>The revocation list kept at <paramref name="path"/> (e.g. <c>BE-0120/documents</c>), when it was signed and when it is due for its next update; null when no host signed one.</summary>
    public (string Jwt, DateTimeOffset IssuedAt, DateTimeOffset NextUpdate)? RevocationList(string path) => Read((c, t) =>
    {
        using var command = SqlCommands.Command(c, t, "SELECT jwt, issued_at, next_update FROM host_revocation_lists WHERE path = @path;", ("@path", path));
        using var reader = command.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), Parse(reader.GetString(1)), Parse(reader.GetString(2))) : ((string, DateTimeOffset, DateTimeOffset)?)null;
    });

    /// <summary>Records a batch job and its items, all pending (or failed for lines that are no request), in one transaction.</summary>
    public void CreateJob(string id, IReadOnlyList<string> institutions, string actor, Uri publicBase, IReadOnlyList<BatchItem> items) => Write(null, (c, t) =>
    {
        SqlCommands.Execute(c, t, "INSERT INTO host_batch_jobs (id, institutions, actor, public_base, created_at) VALUES (@id, @institutions, @actor, @base, @at);", ("@id", id), ("@institutions", string.Join(' ', institutions)), ("@actor", actor), ("@base", publicBase.AbsoluteUri), ("@at", Format(time.GetUtcNow())));
        foreach (var item in items)
        {
            SqlCommands.Execute(c, t, "INSERT INTO host_batch_items (job_id, line, jti, request, state, problems) VALUES (@job, @line, @jti, @request, @state, @problems);",
                ("@job", id), ("@line", item.Line), ("@jti", item.Id), ("@request", item.Request), ("@state", item.State), ("@problems", item.Problems));
        }

        return 0;
    });

    /// <summary>The job, or null.</summary>
    public BatchJobStatus? FindJob(string id) => Read((c, t) =>
    {
        BatchJobStatus job;
        using (var command = SqlCommands.Command(c, t, "SELECT institutions, actor, created_at, finished_at, public_base FROM host_batch_jobs WHERE id = @id;", ("@id", id)))
        using (var reader = command.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            job = new BatchJobStatus(id, reader.GetString(0).Split(' ', StringSplitOptions.RemoveEmptyEntries), reader.GetString(1), new Uri(reader.GetString(4)), Parse(reader.GetString(2)), reader.IsDBNull(3) ? null : Parse(reader.GetString(3)), []);
        }

        // One result at a time: PostgreSQL runs one command per connection.
        var items = new List<BatchItem>();
        using (var itemCommand = SqlCommands.Command(c, t, "SELECT line, jti, request, state, problems FROM host_batch_items WHERE job_id = @id ORDER BY line;", ("@id", id)))
        using (var itemReader = itemCommand.ExecuteReader())
        {
            while (itemReader.Read())
            {
                items.Add(ReadItem(itemReader));
            }
        }

        return job with { Items = items };
    });

    /// <summary>The jobs not finished yet, oldest first: what a restarted host picks up.</summary>
    public IReadOnlyList<string> UnfinishedJobs() => Read((c, t) =>
    {
        var ids = new List<string>();
        using var command = SqlCommands.Command(c, t, "SELECT id FROM host_batch_jobs WHERE finished_at IS NULL ORDER BY created_at, id;");
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    });

    /// <summary>
    /// Claims the job's first pending item that no host holds (or whose claim lapsed) for <paramref name="lease"/>, in
    /// one statement: of hosts claiming at once each gets another item (PostgreSQL skips the rows another claim has
    /// locked; SQLite's writers take turns). Null when none is left to claim.
    /// </summary>
    public BatchItem? ClaimItem(string jobId, TimeSpan lease)
    {
        var now = time.GetUtcNow();
        return Write(null, (c, t) =>
        {
            using var command = SqlCommands.Command(
                c,
                t,
                "UPDATE host_batch_items SET claimed_until = @until WHERE job_id = @job AND line IN (" +
                "SELECT line FROM host_batch_items WHERE job_id = @job AND state = 'pending' AND (claimed_until IS NULL OR claimed_until <= @now) ORDER BY line LIMIT 1" +
                database.Dialect.Choose(string.Empty, " FOR UPDATE SKIP LOCKED") + ") " +
                "RETURNING line, jti, request, state, problems;",
                ("@until", Format(now + lease)),
                ("@job", jobId),
                ("@now", Format(now)));
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadItem(reader) : null;
        });
    }

    /// <summary>Marks a pending item issued or failed, lets go of its claim and drops its request (the personal data it holds is kept no longer than needed).</summary>
    public void CompleteItem(string jobId, long line, bool issued, string? problems) => Write(null, (c, t) =>
        SqlCommands.Execute(c, t, "UPDATE host_batch_items SET state = @state, problems = @problems, request = NULL, claimed_until = NULL WHERE job_id = @job AND line = @line AND state = 'pending';",
            ("@state", issued ? "issued" : "failed"), ("@problems", problems), ("@job", jobId), ("@line", line)));

    /// <summary>Marks the job finished when no item of it is pending any more; true for the one caller that did.</summary>
    public bool FinishJob(string jobId) => Write(null, (c, t) => SqlCommands.Execute(
        c,
        t,
        "UPDATE host_batch_jobs SET finished_at = @at WHERE id = @id AND finished_at IS NULL AND NOT EXISTS (SELECT 1 FROM host_batch_items WHERE job_id = @id AND state = 'pending');",
        ("@at", Format(time.GetUtcNow())),
        ("@id", jobId)) == 1);

    /// <summary>Lets go of the pooled connections.</summary>
    public void Dispose()
    {
        Documents.Dispose();
        database.Dispose();
    }

    private static Dictionary<string, DateTimeOffset> Listed(DbConnection c, DbTransaction t, InstitutionId institution)
    {
        var listed = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        using var command = SqlCommands.Command(c, t, """
            SELECT r.document_jti, MIN(r.revoked_at) FROM document_revocations r JOIN issued_documents d ON d.jti = r.document_jti WHERE d.institution = @institution GROUP BY r.document_jti
            UNION ALL
            SELECT s.jti, s.suspended_at FROM host_suspensions s JOIN host_documents d ON d.jti = s.jti WHERE d.institution = @institution;
            """, ("@institution", institution.ToString()));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            listed.TryAdd(reader.GetString(0), Parse(reader.GetString(1)));
        }

        return listed;
    }

    private static BatchItem ReadItem(DbDataReader reader) =>
        new(reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2), reader.GetString(3), reader.IsDBNull(4) ? null : reader.GetString(4));

    private static List<IssuedRecord> Select(DbConnection c, DbTransaction t, string where, params (string Name, object? Value)[] parameters)
    {
        var records = new List<IssuedRecord>();
        using var command = SqlCommands.Command(c, t, """
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

    private T Write<T>(string? turn, Func<DbConnection, DbTransaction, T> work) => database.WriteIssuerState(turn, work);

    private T Read<T>(Func<DbConnection, DbTransaction, T> work) => database.ReadIssuerState(work);
}
