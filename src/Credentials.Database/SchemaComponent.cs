namespace Credentials.Database;

/// <summary>
/// One part of a database's schema with its own version: the trust registry, the status lists, the issued documents
/// … Its migrations only ever append (a new step goes at the end), and <see cref="SchemaMigrator"/> applies them the
/// same way on SQLite and on PostgreSQL. Several components may share one database, each with its own version.
/// </summary>
public sealed class SchemaComponent
{
    /// <param name="name">The component's key in <c>schema_versions</c> (e.g. <c>status_lists</c>).</param>
    /// <param name="title">What it holds, for messages (e.g. "status lists").</param>
    /// <param name="migrations">Its steps, oldest first; version N is the state after the N-th.</param>
    /// <param name="tables">The tables of its current schema, each after the tables it refers to (the order to copy them in).</param>
    public SchemaComponent(string name, string title, IReadOnlyList<Migration> migrations, IReadOnlyList<SchemaTable> tables)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentException.ThrowIfNullOrEmpty(title);
        ArgumentNullException.ThrowIfNull(migrations);
        ArgumentNullException.ThrowIfNull(tables);
        Name = name;
        Title = title;
        Migrations = migrations;
        Tables = tables;
    }

    /// <summary>The component's key in <c>schema_versions</c>.</summary>
    public string Name { get; }

    /// <summary>What it holds, for messages.</summary>
    public string Title { get; }

    /// <summary>Its steps, oldest first.</summary>
    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>The version this program writes: the number of steps.</summary>
    public int CurrentVersion => Migrations.Count;

    /// <summary>The tables of its current schema, parents first.</summary>
    public IReadOnlyList<SchemaTable> Tables { get; }

    /// <summary>
    /// On SQLite, keep the version in the file's <c>PRAGMA user_version</c> rather than in <c>schema_versions</c>: for a
    /// file that holds this component alone and has always kept its version there (the registry database). On
    /// PostgreSQL, where components share one database, the version is a row of <c>schema_versions</c> regardless.
    /// </summary>
    public bool SqliteUserVersion { get; init; }
}
