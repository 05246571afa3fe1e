using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Batch;
using Credentials.Host.Accounts;
using Credentials.Model;
using Credentials.WireFormat;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Issuing;

/// <summary>
/// Takes a batch upload (the CLI's batch file: JSON Lines or CSV, read by <see cref="BatchRequestFile"/>) as a job in
/// the issuer database: each request an item with its <c>jti</c> fixed now (its own, or a new one written into it),
/// so the worker that signs it (<see cref="BatchWorker"/>, on this host or after a restart) can tell a document
/// already signed and never signs it twice. Every institution of the file must be one the caller may issue for,
/// or the whole job is refused. Lines that are no request fail at once with their problem.
/// </summary>
internal sealed class BatchJobs(IssuingStore store, BatchWorker worker, TimeProvider time)
{
    /// <summary>The largest upload, in bytes.</summary>
    public const long MaxUploadBytes = 8L * 1024 * 1024;

    /// <summary>The most requests in one job.</summary>
    public const int MaxRequests = 10_000;

    /// <summary>Takes the upload <paramref name="content"/> in <paramref name="format"/> (<c>jsonl</c> or <c>csv</c>) for <paramref name="user"/>; its documents' <c>rid</c> is on <paramref name="publicBase"/>.</summary>
    public BatchSubmission Submit(byte[] content, string format, ClaimsPrincipal user, Uri publicBase)
    {
        ArgumentNullException.ThrowIfNull(content);
        var file = Path.Combine(Path.GetTempPath(), $"credentials-batch-{Guid.NewGuid():N}.{format}");
        try
        {
            File.WriteAllBytes(file, content);
            UnixPermissions(file);
            var items = new List<BatchItem>();
            var institutions = new SortedSet<string>(StringComparer.Ordinal);
            var forbidden = new List<long>();
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), time.LocalTimeZone).DateTime);
            using (var requests = BatchRequestFile.Open(file))
            {
                while (requests.Next() is { } line)
                {
                    if (items.Count == MaxRequests)
                    {
                        return new BatchSubmission(null, StatusCodes.Status413PayloadTooLarge, "too-many-requests", $"a batch holds at most {MaxRequests} requests; split the file.");
                    }

                    if (line.Problem is { } problem)
                    {
                        items.Add(new BatchItem(line.Number, null, null, "failed", problem));
                        continue;
                    }

                    var read = QrPayloadReader.Read(line.RequestJson, PayloadReadMode.Request, today);
                    if (!read.Succeeded)
                    {
                        items.Add(new BatchItem(line.Number, null, null, "failed", Problems(read.Findings)));
                        continue;
                    }

                    var institution = read.Payload!.Document.Institution.Id;
                    if (!InstitutionClaims.Allows(user, institution))
                    {
                        forbidden.Add(line.Number);
                        continue;
                    }

                    institutions.Add(institution.ToString());
                    var id = read.Payload.TokenId ?? Guid.NewGuid().ToString();
                    items.Add(new BatchItem(line.Number, id, WithTokenId(line.RequestJson, id), "pending", null));
                }
            }

            if (forbidden.Count > 0)
            {
                return new BatchSubmission(null, StatusCodes.Status403Forbidden, "institution-not-allowed", $"line(s) {string.Join(", ", forbidden.Take(20))} are for an institution you may not issue for; nothing of this batch was taken.");
            }

            if (items.Count == 0)
            {
                return new BatchSubmission(null, StatusCodes.Status422UnprocessableEntity, "empty-batch", "the file holds no request.");
            }

            var duplicate = items.Where(i => i.Id is not null).GroupBy(i => i.Id, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
            if (duplicate is not null)
            {
                return new BatchSubmission(null, StatusCodes.Status422UnprocessableEntity, "jti-repeated", $"lines {string.Join(", ", duplicate.Select(i => i.Line))} give the same jti: a document is issued once.");
            }

            var jobId = Guid.NewGuid().ToString("N");
            var actor = DocumentIssuing.Actor(user);
            store.CreateJob(jobId, [.. institutions], actor, publicBase, items);
            foreach (var institution in institutions)
            {
                store.Audit(actor, institution, "batch", jobId);
            }

            worker.Wake();
            return new BatchSubmission(jobId, StatusCodes.Status202Accepted, string.Empty, string.Empty);
        }
        catch (BatchFileException e)
        {
            return new BatchSubmission(null, StatusCodes.Status422UnprocessableEntity, "unreadable-batch", e.Message.Replace(file, "the upload", StringComparison.Ordinal));
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <summary>The job <paramref name="id"/> when every institution of it is one <paramref name="user"/> may act for; else null (not revealed).</summary>
    public BatchJobStatus? Find(string id, ClaimsPrincipal user)
    {
        var job = store.FindJob(id);
        return job is not null && job.Institutions.All(i => InstitutionId.TryParse(i, out var institution, out _) && InstitutionClaims.Allows(user, institution)) ? job : null;
    }

    /// <summary>The problems of findings as the status report lists them: fields and codes only, never the values.</summary>
    public static string Problems(IEnumerable<Finding> findings) =>
        string.Join("; ", findings.Where(f => f.IsBlocking).Select(f => f.Path is null ? f.Code.ToWireName() : $"{f.Path}: {f.Code.ToWireName()}"));

    private static byte[] WithTokenId(ReadOnlyMemory<byte> requestJson, string id)
    {
        var request = JsonNode.Parse(requestJson.Span)!.AsObject();
        request["jti"] = id;
        return JsonSerializer.SerializeToUtf8Bytes(request);
    }

    private static void UnixPermissions(string file)
    {
        // The upload holds personal data for the moment it is read: only this user may read it.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
    }
}
