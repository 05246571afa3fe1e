namespace Credentials.Documents;

/// <summary>A span of calendar days, both ends included (dates on documents are local dates, compared as dates).</summary>
public readonly record struct DateSpan(DateOnly First, DateOnly Last)
{
    /// <summary>Whether the day lies in the span.</summary>
    public bool Contains(DateOnly date) => date >= First && date <= Last;

    /// <summary>The span as <c>yyyy-mm-dd..yyyy-mm-dd</c>, the way reports and messages write dates whatever their language.</summary>
    public override string ToString() => $"{First:yyyy-MM-dd}..{Last:yyyy-MM-dd}";
}
