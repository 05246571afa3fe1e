using Credentials.Printing;

namespace Credentials.Batch;

/// <summary>How a batch runs.</summary>
public sealed record BatchOptions
{
    /// <summary>The folder of the PDFs, one per request, named after the request's id; also the run's error report.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>The language of the printed documents (default English; labels in Dutch, French and German too).</summary>
    public DocumentLabels Labels { get; init; } = DocumentLabels.Get(DocumentLabels.DefaultLanguage);

    /// <summary>Requests issued at once; by default one per core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;

    /// <summary>Told about every half second while the batch runs.</summary>
    public IProgress<BatchProgress>? Progress { get; init; }
}

/// <summary>Where a running batch stands. Progress is measured in bytes of the requests file, as its line count is unknown until the end.</summary>
public sealed record BatchProgress(long Issued, long Skipped, long Failed, long BytesRead, long BytesTotal, TimeSpan Elapsed)
{
    /// <summary>Documents issued a second so far.</summary>
    public double Rate => Elapsed.TotalSeconds > 0 ? Issued / Elapsed.TotalSeconds : 0;

    /// <summary>The time left at the rate so far, once there is a rate to go by.</summary>
    public TimeSpan? Remaining => BytesRead > 0 && BytesRead < BytesTotal && Elapsed.TotalSeconds >= 1
        ? TimeSpan.FromSeconds(Elapsed.TotalSeconds * (BytesTotal - BytesRead) / BytesRead)
        : null;
}

/// <summary>What a batch did.</summary>
public sealed record BatchSummary(long Issued, long Skipped, long Failed, TimeSpan Elapsed, string ErrorReport, IReadOnlyList<string> FirstErrors, bool Cancelled);
