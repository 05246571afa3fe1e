namespace Credentials.Batch;

/// <summary>A batch's counters and its error report, shared by the workers.</summary>
internal sealed class RunState : IDisposable
{
    private const int FirstErrorsKept = 10;

    private readonly StreamWriter report;
    private readonly List<string> firstErrors = [];
    private readonly long total;
    private long issued;
    private long skipped;
    private long failed;

    public RunState(string reportPath, long total)
    {
        ReportPath = reportPath;
        this.total = total;
        report = new StreamWriter(reportPath, append: false) { AutoFlush = false };
    }

    public string ReportPath { get; }

    public long Issued => Interlocked.Read(ref issued);

    public long Skipped => Interlocked.Read(ref skipped);

    public long Failed => Interlocked.Read(ref failed);

    public IReadOnlyList<string> FirstErrors
    {
        get
        {
            lock (report)
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
        lock (report)
        {
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
        lock (report)
        {
            report.Dispose();
        }
    }
}
