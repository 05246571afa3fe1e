using System.Diagnostics;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using Credentials.Printing;
using Credentials.Issuance;
using Credentials.Model;
using Credentials.Signing;
using Credentials.WireFormat;

namespace Credentials.Batch;

/// <summary>
/// Issues one PDF per request of a JSON Lines or CSV file (an ePRC, or the eEHIC or ISI+ card for a request
/// holding <c>ehic{…}</c> or <c>isi{…}</c>): streaming (a bounded queue between the reader and
/// the workers, so memory stays flat whatever the file's size), on every core (the workers share one thread-safe
/// signer: a key in memory, or in an HSM whose sessions the signer pools — the key is never copied), and resumable. Every request has a stable id, its <c>jti</c> or, when it has none, one derived from
/// its content (and then written into the document as its <c>jti</c>); its PDF is <c>{id}.pdf</c>, written under a
/// temporary name and renamed when complete. So a run stopped at any point (Ctrl-C, a crash, a power cut) leaves only
/// complete documents, and the next run skips them and issues the rest: nothing twice, nothing missing. A PDF found
/// damaged (cut short, its trailer gone: <see cref="FinishedDocument"/>) is issued again under the same id.
/// A bad line is reported with its number and the problem in <c>batch-errors.txt</c>; the others go on.
/// </summary>
public sealed partial class BatchIssuer(ICertificateSigner signer, TimeProvider time)
{
    /// <summary>The error report's name in the output folder: one line per refused request, its line number and the problems, never the request's content.</summary>
    public const string ErrorReportName = "batch-errors.txt";
    private const string PartialSuffix = ".partial";
    private const int MaxIdLength = 100;

    /// <summary>Issues every request of <paramref name="requestsPath"/> (<c>.jsonl</c>, <c>.ndjson</c> or <c>.csv</c>) into <see cref="BatchOptions.OutputFolder"/>, skipping the documents an earlier run completed. Cancelling stops at a clean point (<see cref="BatchSummary.Cancelled"/>); a <see cref="BatchFileException"/> says why the batch cannot start or had to stop (another run in the folder, a disk fault), and every PDF written before is complete.</summary>
    public BatchSummary Run(string requestsPath, BatchOptions options, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        using var requests = BatchRequestFile.Open(requestsPath);
        Directory.CreateDirectory(options.OutputFolder);

        // One batch at a time per folder, across processes: two runs into one folder would sign documents twice.
        using var folderLock = TakeFolder(options.OutputFolder);
        foreach (var partial in Directory.EnumerateFiles(options.OutputFolder, "*" + PartialSuffix))
        {
            File.Delete(partial); // left by a run that was stopped mid-write
        }

        using var run = new RunState(Path.Combine(options.OutputFolder, ErrorReportName), requests.Length);
        var queue = Channel.CreateBounded<BatchLine>(new BoundedChannelOptions(Math.Max(1, options.Workers) * 8) { SingleWriter = true });
        var clock = Stopwatch.StartNew();
        using var reporting = new Timer(_ => ReportProgress(options, run, requests, clock), null, 500, 500);

        // A fault (the disk is full, the folder cannot be written, the requests file cannot be read) stops every
        // task: nothing can be issued past it, and what was written is complete.
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var faults = new FaultGate(stopping);
        var reader = Task.Run(() => faults.Guard(() => Feed(requests, queue.Writer, stopping.Token)), CancellationToken.None);
        var workers = Enumerable.Range(0, Math.Max(1, options.Workers))
            .Select(worker => Task.Run(() => faults.Guard(() => Work(worker, queue.Reader, options, run, stopping.Token)), CancellationToken.None))
            .ToArray();
        Task.WaitAll([reader, .. workers], CancellationToken.None);
        options.Progress?.Report(run.Progress(requests.Position, clock.Elapsed));
        if (faults.First is { } fault)
        {
            throw new BatchFileException($"the batch stopped: {fault.Message} Every document written is complete; run the same command again once this is fixed ({run.Issued} issued before the stop).", fault);
        }

        return new BatchSummary(run.Issued, run.Skipped, run.Failed, clock.Elapsed, run.ReportPath, run.FirstErrors, cancellation.IsCancellationRequested);
    }

    private static Credentials.IO.SharedFileLock TakeFolder(string folder)
    {
        try
        {
            return Credentials.IO.SharedFile.Lock(Path.Combine(folder, ".batch"), TimeSpan.FromSeconds(2));
        }
        catch (IOException)
        {
            throw new BatchFileException($"the folder '{folder}' is being written by another batch; wait until it has finished (or choose another --out-dir).");
        }
    }

    /// <summary>Keeps the first I/O fault of any task and stops the others.</summary>
    private sealed class FaultGate(CancellationTokenSource stopping)
    {
        private Exception? first;

        public Exception? First => Volatile.Read(ref first);

        public async Task Guard(Func<Task> task)
        {
            try
            {
                await task().ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                Interlocked.CompareExchange(ref first, e, null);
                await stopping.CancelAsync().ConfigureAwait(false);
            }
        }
    }

    private static void ReportProgress(BatchOptions options, RunState run, BatchRequestFile requests, Stopwatch clock)
    {
        try
        {
            options.Progress?.Report(run.Progress(requests.Position, clock.Elapsed));
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // Progress is a courtesy: a console that went away must not stop the batch.
        }
    }

    private static async Task Feed(BatchRequestFile requests, ChannelWriter<BatchLine> queue, CancellationToken cancellation)
    {
        try
        {
            while (!cancellation.IsCancellationRequested && requests.Next() is { } line)
            {
                await queue.WriteAsync(line, cancellation).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            // Stopped by the user: the workers finish what they hold.
        }
        finally
        {
            queue.Complete();
        }
    }

    private async Task Work(int worker, ChannelReader<BatchLine> queue, BatchOptions options, RunState run, CancellationToken cancellation)
    {
        var issuer = new QrTokenIssuer(signer, time);
        while (await queue.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            while (!cancellation.IsCancellationRequested && queue.TryRead(out var line))
            {
                Process(line, worker, issuer, options, run);
            }

            if (cancellation.IsCancellationRequested)
            {
                return;
            }
        }
    }

    private void Process(BatchLine line, int worker, QrTokenIssuer issuer, BatchOptions options, RunState run)
    {
        if (line.Problem is { } problem)
        {
            run.Fail(line.Number, problem);
            return;
        }

        var read = QrPayloadReader.Read(line.RequestJson, PayloadReadMode.Request, issuer.Today);
        if (read.Payload is not { } payload)
        {
            run.Fail(line.Number, Describe(read.Findings));
            return;
        }

        var id = DocumentId(payload, line.RequestJson.Span);
        var final = Path.Combine(options.OutputFolder, id + ".pdf");
        if (File.Exists(final))
        {
            if (FinishedDocument.IsComplete(final))
            {
                run.Skip();
                return;
            }

            // Not a document a run finished (cut short, damaged): issued again, with the same id and content.
            File.Delete(final);
        }

        var issued = issuer.Issue(payload.TokenId is null ? new QrTokenPayload(payload.Document, id, payload.RevocationList) : payload);
        if (issued.Document is not { } document)
        {
            run.Fail(line.Number, Describe(issued.Findings));
            return;
        }

        var partial = $"{final}.{worker}{PartialSuffix}";
        File.WriteAllBytes(partial, DocumentPdf.Create(document.Document, document.QrText, options.Labels, time.GetUtcNow()));
        try
        {
            File.Move(partial, final, overwrite: false);
            run.Issue();
        }
        catch (IOException) when (File.Exists(final))
        {
            File.Delete(partial);
            run.Fail(line.Number, $"its id '{id}' is also the id of another request of this file; an id is issued once.");
        }
    }

    /// <summary>The request's <c>jti</c> when it makes a safe file name, else one derived from it or from the whole request.</summary>
    private static string DocumentId(QrTokenPayload payload, ReadOnlySpan<byte> requestJson)
    {
        if (payload.TokenId is { Length: > 0 and <= MaxIdLength } jti && SafeId().IsMatch(jti))
        {
            return jti;
        }

        var digest = payload.TokenId is { } unsafeJti ? SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(unsafeJti)) : SHA256.HashData(requestJson);
        return (payload.TokenId is null ? "prc-" : "jti-") + Convert.ToHexStringLower(digest.AsSpan(0, 16));
    }

    /// <summary>The blocking findings in one sentence: each finding's own full stop dropped at the join, one at the end.</summary>
    private static string Describe(IReadOnlyList<Finding> findings) =>
        string.Join("; ", findings.Where(f => f.IsBlocking).Select(f => f.ToString().TrimEnd('.'))) + ".";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]*$")]
    private static partial Regex SafeId();
}
