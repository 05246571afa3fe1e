using Npgsql;

namespace Credentials.Tests.Operations;

/// <summary>The registry's history on a real PostgreSQL database, a schema of its own per test.</summary>
public sealed class PostgresAppendOnlyStoreTests(PostgresDatabase postgres) : AppendOnlyStoreTests, IClassFixture<PostgresDatabase>
{
    private string? location;

    protected override string Location => location ??= postgres.NewSchema();

    protected override void Dispose(bool disposing)
    {
        // The fixture drops the database with the class.
    }

    protected override List<string[]> Rows(string sql)
    {
        using var connection = new NpgsqlConnection(Location);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string[]>();
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!)]);
        }

        return rows;
    }
}
