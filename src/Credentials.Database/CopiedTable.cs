namespace Credentials.Database;

/// <summary>One table a copy wrote.</summary>
/// <param name="Component">The component the table belongs to (e.g. <c>registry</c>).</param>
/// <param name="Table">The table's name.</param>
/// <param name="Rows">The rows copied.</param>
public sealed record CopiedTable(string Component, string Table, long Rows);
