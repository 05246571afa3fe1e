using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Credentials.Database;

/// <summary>
/// Copies components (their tables, rows and keys as they are) from an SQLite file into PostgreSQL, for moving one
/// machine's state to several hosts: both sides are first brought to this program's schema, then every row is copied
/// in one PostgreSQL transaction (binary COPY) that holds the component's tables against writers, so a failure leaves
/// the target as it was. A target that already holds any of the components' rows is refused unless told to replace
/// them. Identity columns go on from the highest key copied.
/// </summary>
public static class DatabaseCopy
{
    /// <summary>Which of <paramref name="candidates"/> the SQLite file at <paramref name="path"/> holds (an applied version above 0).</summary>
    public static IReadOnlyList<SchemaComponent> ComponentsIn(string path, IEnumerable<SchemaComponent> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        using var source = OpenSource(path);
        try
        {
            return [.. candidates.Where(component => SchemaMigrator.AppliedVersion(source, SqlDialect.Sqlite, component, null) > 0)];
        }
        catch (SqliteException e)
        {
            throw new DatabaseException(DescribeSource(path, e), e);
        }
    }

    /// <summary>
    /// Copies <paramref name="components"/> from the SQLite file at <paramref name="sourcePath"/> into
    /// <paramref name="target"/>. Throws <see cref="DatabaseException"/> with one line (never the password): the source
    /// or target unusable, the target not empty (unless <paramref name="replace"/>), a table that differs.
    /// </summary>
    public static CopyReport Copy(string sourcePath, DatabaseLocation target, IReadOnlyList<SchemaComponent> components, bool replace, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(components);
        if (!target.IsPostgreSql)
        {
            throw new DatabaseException($"the copy's target '{target.Display}' is a file: give a PostgreSQL connection string (postgres://… or Host=…).");
        }

        using var source = OpenSource(sourcePath);
        using var dataSource = PostgreSqlConnections.OpenDataSource(target);
        try
        {
            using var connection = dataSource.OpenConnection();
            var sourceMigrated = components.Sum(component => SchemaMigrator.Migrate(source, SqlDialect.Sqlite, component, now));
            foreach (var component in components)
            {
                SchemaMigrator.Migrate(connection, SqlDialect.PostgreSql, component, now);
            }

            var tables = components.SelectMany(component => component.Tables.Select(table => (Component: component, Table: table))).ToList();
            using var transaction = connection.BeginTransaction(System.Data.IsolationLevel.ReadCommitted);

            // Writers on any host wait until the copy is committed (or rolled back); readers go on.
            SqlCommands.Execute(connection, transaction, $"LOCK TABLE {string.Join(", ", tables.Select(t => t.Table.Name))} IN EXCLUSIVE MODE;");
            ClearOrRefuse(connection, transaction, tables, target, replace);

            using var snapshot = source.BeginTransaction(deferred: true);
            var copied = new List<CopiedTable>();
            foreach (var (component, table) in tables)
            {
                var rows = CopyTable(source, snapshot, connection, transaction, table);
                copied.Add(new CopiedTable(component.Name, table.Name, rows));
            }

            transaction.Commit();
            return new CopyReport(copied) { SourceStepsApplied = sourceMigrated };
        }
        catch (SqliteException e)
        {
            throw new DatabaseException(DescribeSource(sourcePath, e), e);
        }
        catch (NpgsqlException e)
        {
            throw new DatabaseException($"the copy into {target.Display} failed, and nothing was copied: {PostgreSqlConnections.Reason(e)}", e);
        }
    }

    private static SqliteConnection OpenSource(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (Directory.Exists(path))
        {
            throw new DatabaseException($"the copy's source '{path}' is a folder; give an SQLite database file.");
        }

        if (!File.Exists(path))
        {
            throw new DatabaseException($"the copy's source '{path}' does not exist.");
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false, DefaultTimeout = 15 }.ToString());
        try
        {
            connection.Open();
            SqlCommands.Execute(connection, null, "PRAGMA busy_timeout = 15000;");
            return connection;
        }
        catch (SqliteException e)
        {
            connection.Dispose();
            throw new DatabaseException(DescribeSource(path, e), e);
        }
    }

    private static string DescribeSource(string path, SqliteException e) => (e.SqliteErrorCode & 0xff) switch
    {
        26 => $"the copy's source '{path}' is not an SQLite database.",
        11 => $"the copy's source '{path}' is a damaged database.",
        5 or 6 => $"the copy's source '{path}' stayed locked by another program: try again when it has finished.",
        8 or 14 => $"the copy's source '{path}' cannot be opened for writing (it is brought to this program's schema first).",
        var code => $"the copy's source '{path}' cannot be read (SQLite error {code}).",
    };

    private static void ClearOrRefuse(NpgsqlConnection connection, NpgsqlTransaction transaction, List<(SchemaComponent Component, SchemaTable Table)> tables, DatabaseLocation target, bool replace)
    {
        foreach (var (component, table) in tables)
        {
            var rows = Convert.ToInt64(SqlCommands.Scalar(connection, transaction, $"SELECT COUNT(*) FROM {table.Name};"), CultureInfo.InvariantCulture);
            if (rows > 0 && !replace)
            {
                throw new DatabaseException($"{target.Display} already holds {component.Title} ({rows} row(s) in {table.Name}); nothing was copied. To replace what it holds, copy again with --replace.");
            }
        }

        if (replace)
        {
            // Children first, so no row is ever left referring to a deleted one.
            for (var i = tables.Count - 1; i >= 0; i--)
            {
                SqlCommands.Execute(connection, transaction, $"DELETE FROM {tables[i].Table.Name};");
            }
        }
    }

    private static long CopyTable(SqliteConnection source, SqliteTransaction snapshot, NpgsqlConnection target, NpgsqlTransaction transaction, SchemaTable table)
    {
        var targetColumns = TargetColumns(target, transaction, table.Name);
        using var select = SqlCommands.Command(source, snapshot, $"SELECT * FROM {table.Name}{(table.IdentityColumn is { } key ? $" ORDER BY {key}" : string.Empty)};");
        using var reader = select.ExecuteReader();
        var columns = Enumerable.Range(0, reader.FieldCount).Select(reader.GetName).ToList();
        var types = columns.Select(column => targetColumns.TryGetValue(column, out var type)
            ? type
            : throw new DatabaseException($"the target's table {table.Name} has no column {column}: both sides should be at this program's schema.")).ToList();

        long rows = 0;
        using (var writer = target.BeginBinaryImport($"COPY {table.Name} ({string.Join(", ", columns)}) FROM STDIN (FORMAT BINARY)"))
        {
            while (reader.Read())
            {
                writer.StartRow();
                for (var i = 0; i < columns.Count; i++)
                {
                    Write(writer, reader, i, types[i]);
                }

                rows++;
            }

            writer.Complete();
        }

        if (table.IdentityColumn is { } identity)
        {
            // The next key the database hands out comes after the highest copied.
            SqlCommands.Execute(
                target,
                transaction,
                $"SELECT setval(pg_get_serial_sequence(@table, @column), COALESCE(MAX({identity}), 0) + 1, false) FROM {table.Name};",
                ("@table", table.Name),
                ("@column", identity));
        }

        return rows;
    }

    /// <summary>The target table's columns and their PostgreSQL types (integer, bigint, text, bytea).</summary>
    private static Dictionary<string, NpgsqlDbType> TargetColumns(NpgsqlConnection connection, NpgsqlTransaction transaction, string table)
    {
        var columns = new Dictionary<string, NpgsqlDbType>(StringComparer.Ordinal);
        using var command = SqlCommands.Command(connection, transaction, "SELECT column_name, data_type FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = @table;", ("@table", table));
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            columns[reader.GetString(0)] = reader.GetString(1) switch
            {
                "integer" => NpgsqlDbType.Integer,
                "bigint" => NpgsqlDbType.Bigint,
                "bytea" => NpgsqlDbType.Bytea,
                "text" => NpgsqlDbType.Text,
                var other => throw new DatabaseException($"the target's column {table}.{reader.GetString(0)} is of type {other}, which a copy does not write."),
            };
        }

        return columns;
    }

    private static void Write(NpgsqlBinaryImporter writer, DbDataReader reader, int column, NpgsqlDbType type)
    {
        if (reader.IsDBNull(column))
        {
            writer.WriteNull();
            return;
        }

        switch (type)
        {
            case NpgsqlDbType.Integer:
                writer.Write(checked((int)reader.GetInt64(column)), type);
                break;
            case NpgsqlDbType.Bigint:
                writer.Write(reader.GetInt64(column), type);
                break;
            case NpgsqlDbType.Bytea:
                writer.Write((byte[])reader.GetValue(column), type);
                break;
            default:
                writer.Write(reader.GetString(column), type);
                break;
        }
    }
}
