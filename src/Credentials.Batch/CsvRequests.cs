using System.Text;
using System.Text.Json;

namespace Credentials.Batch;

/// <summary>
/// CSV requests (RFC 4180, one record a line, comma-separated, fields quoted with <c>"</c> when they hold a comma or
/// a quote): a header row names the columns after the payload's own fields, <c>jti</c>, <c>rid</c> and the
/// <c>prc</c> members <c>ic fn gn dob hi in ii ci sd ed xd di</c>; an empty cell is an absent field.
/// </summary>
internal sealed class CsvRequests
{
    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal) { "jti", "rid" };
    private static readonly HashSet<string> PrcFields = new(StringComparer.Ordinal) { "ic", "fn", "gn", "dob", "hi", "in", "ii", "ci", "sd", "ed", "xd", "di" };

    private readonly string[] columns;

    private CsvRequests(string[] columns) => this.columns = columns;

    /// <summary>Reads the header row; throws <see cref="BatchFileException"/> naming an unknown or repeated column.</summary>
    public static CsvRequests FromHeader(byte[] header)
    {
        if (!TrySplit(Encoding.UTF8.GetString(header).TrimStart('\uFEFF'), out var columns, out var problem))
        {
            throw new BatchFileException($"line 1 (the CSV header): {problem}");
        }

        foreach (var column in columns)
        {
            if (!TopLevel.Contains(column) && !PrcFields.Contains(column))
            {
                throw new BatchFileException($"line 1 (the CSV header): unknown column '{column}'; the columns are jti, rid, {string.Join(", ", PrcFields)}.");
            }
        }

        var repeated = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return repeated is null ? new CsvRequests(columns) : throw new BatchFileException($"line 1 (the CSV header): the column '{repeated.Key}' is given twice.");
    }

    /// <summary>A record as request JSON, or the problem with it.</summary>
    public BatchLine ToRequest(long number, byte[] line)
    {
        if (!TrySplit(Encoding.UTF8.GetString(line), out var cells, out var problem))
        {
            return BatchLine.Invalid(number, problem);
        }

        if (cells.Length != columns.Length)
        {
            return BatchLine.Invalid(number, $"{cells.Length} fields where the header has {columns.Length}.");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < columns.Length; i++)
            {
                if (TopLevel.Contains(columns[i]) && cells[i].Length > 0)
                {
                    writer.WriteString(columns[i], cells[i]);
                }
            }

            writer.WriteStartObject("prc");
            for (var i = 0; i < columns.Length; i++)
            {
                if (PrcFields.Contains(columns[i]) && cells[i].Length > 0)
                {
                    writer.WriteString(columns[i], cells[i]);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new BatchLine(number, buffer.ToArray(), null);
    }

    /// <summary>Splits one record: quoted fields may hold commas and doubled quotes, not line breaks.</summary>
    private static bool TrySplit(string record, out string[] cells, out string problem)
    {
        var result = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        var i = 0;
        while (i <= record.Length)
        {
            if (i == record.Length || (!quoted && record[i] == ','))
            {
                if (quoted)
                {
                    cells = [];
                    problem = "a quoted field is not closed (a field may not span lines).";
                    return false;
                }

                result.Add(cell.ToString());
                cell.Clear();
                i++;
                continue;
            }

            var c = record[i];
            if (c == '"' && cell.Length == 0 && !quoted && (i == 0 || record[i - 1] == ','))
            {
                quoted = true;
            }
            else if (c == '"' && quoted)
            {
                if (i + 1 < record.Length && record[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else
                {
                    quoted = false;
                    if (i + 1 < record.Length && record[i + 1] != ',')
                    {
                        cells = [];
                        problem = $"text after a closing quote at character {i + 2}.";
                        return false;
                    }
                }
            }
            else
            {
                cell.Append(c);
            }

            i++;
        }

        cells = [.. result];
        problem = string.Empty;
        return true;
    }
}
