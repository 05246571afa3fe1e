namespace Credentials.Batch;

/// <summary>One request of a batch file: its 1-based line number and its request JSON, or why the line cannot be one.</summary>
public sealed record BatchLine(long Number, ReadOnlyMemory<byte> RequestJson, string? Problem)
{
    /// <summary>A line that cannot be a request (too long, not UTF-8, a CSV row that does not fit the header), reported by its number and <paramref name="problem"/>.</summary>
    public static BatchLine Invalid(long number, string problem) => new(number, ReadOnlyMemory<byte>.Empty, problem);
}
