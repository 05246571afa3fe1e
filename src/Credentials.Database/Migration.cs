namespace Credentials.Database;

/// <summary>
/// One step of a component's schema: the statements that take it from the version before to this one, written once
/// for both dialects with <see cref="SqlDialect"/>'s types (and <see cref="SqlDialect.Choose"/> where a statement
/// itself must differ). A step runs in one transaction together with the record of its version.
/// </summary>
/// <param name="Description">What the step adds, for the next engineer (and a copy's report).</param>
/// <param name="Sql">The step's statements in a dialect.</param>
public sealed record Migration(string Description, Func<SqlDialect, string> Sql)
{
    /// <summary>A step whose statements are the same on both dialects.</summary>
    public static Migration Same(string description, string sql) => new(description, _ => sql);
}
