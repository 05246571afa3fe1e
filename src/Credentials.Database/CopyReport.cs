namespace Credentials.Database;

/// <summary>What a copy wrote: each table's rows, in the order copied.</summary>
/// <param name="Tables">Each table copied, with its component and the number of rows.</param>
public sealed record CopyReport(IReadOnlyList<CopiedTable> Tables)
{
    /// <summary>Schema steps applied to the source first, to bring it to this program's version (0 when it was current).</summary>
    public int SourceStepsApplied { get; init; }

    /// <summary>All rows copied.</summary>
    public long Rows => Tables.Sum(table => table.Rows);
}
