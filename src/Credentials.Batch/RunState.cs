namespace Credentials.Batch;

/// <summary>A batch's counters and its error report, shared by the workers.</summary>
internal sealed class RunState : IDisposable
{
    private const int FirstErrorsKept = 10;

    private readonly Lock gate = new();
    private readonly List<string> firstErrors = [];
    private StreamWriter? report;
    private readonly long total;
    private long issued;
    private long skipped;
    private long failed;

    public RunState(string reportPath, long total)
    {
        ReportPath = reportPath;
        this.total = total;
        // The report is this run's: a previous run's is removed, and none is written when nothing fails.
        File.Delete(reportPath);
    }

    public string ReportPath { get; }

    public long Issued => Interlocked.Read(ref issued);

    public long Skipped => Interlocked.Read(ref skipped);

    public long Failed => Interlocked.Read(ref failed);

    public IReadOnlyList<string> FirstErrors
    {
        get
        {
            lock (gate)
            {
                return [.. firstErrors];
            }
        }
    }

    public void Issue() => Interlocked.Increment(ref issued);

    public void Skip() => Interlocked.Increment(ref skipped);

    /// <summary>Records a line that was not issued: its number and what is wrong, never its content (personal data).</summary>
    public void Fail(long line, string problem)
    {
        Interlocked.Increment(ref failed);
        var entry = $"line {line}: {problem}";
        lock (gate)
        {
            report ??= new StreamWriter(ReportPath, append: false) { AutoFlush = false };
            report.WriteLine(entry);
            if (firstErrors.Count < FirstErrorsKept)
            {
                firstErrors.Add(entry);
            }
        }
    }

    public BatchProgress Progress(long bytesRead, TimeSpan elapsed) => new(Issued, Skipped, Failed, bytesRead, total, elapsed);

    public void Dispose()
    {
        lock (gate)
        {
            report?.Dispose();
        }
    }
}
