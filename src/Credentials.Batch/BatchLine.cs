namespace Credentials.Batch;

/// <summary>One request of a batch file: its 1-based line number and its request JSON, or why the line cannot be one.</summary>
public sealed record BatchLine(long Number, ReadOnlyMemory<byte> RequestJson, string? Problem)
{
    public static BatchLine Invalid(long number, string problem) => new(number, ReadOnlyMemory<byte>.Empty, problem);
}
