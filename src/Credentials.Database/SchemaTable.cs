namespace Credentials.Database;

/// <summary>A table of a component's current schema, for copying it whole.</summary>
/// <param name="Name">The table's name.</param>
/// <param name="IdentityColumn">Its <see cref="SqlDialect.AutoKey"/> column, if any: copied as it is, after which PostgreSQL's identity goes on from the highest copied.</param>
public sealed record SchemaTable(string Name, string? IdentityColumn = null);
