using System.Text.Json;
using nietras.SeparatedValues;

namespace Credentials.Batch;

/// <summary>
/// CSV requests (RFC 4180, read by Sep): a header row names the columns after the payload's own fields, <c>jti</c>,
/// <c>rid</c> and the <c>prc</c> members <c>ic fn gn dob hi in ii ci sd ed xd di</c>; an empty cell is an absent field.
/// Quoted fields may hold commas, doubled quotes and line breaks. A record may not grow past
/// <see cref="MaxRecordBytes"/>, so an unclosed quote cannot make the reader hold the rest of a large file.
/// </summary>
internal sealed class CsvRequests : IDisposable
{
    /// <summary>The most bytes read without a record completing.</summary>
    public const int MaxRecordBytes = 1024 * 1024;

    private static readonly HashSet<string> TopLevel = new(StringComparer.Ordinal) { "jti", "rid" };
    private static readonly HashSet<string> PrcFields = new(StringComparer.Ordinal) { "ic", "fn", "gn", "dob", "hi", "in", "ii", "ci", "sd", "ed", "xd", "di" };

    private readonly RecordGuard guard;
    private readonly SepReader reader;
    private readonly string[] columns;

    private CsvRequests(RecordGuard guard, SepReader reader, string[] columns)
    {
        this.guard = guard;
        this.reader = reader;
        this.columns = columns;
    }

    /// <summary>Bytes read so far, for progress.</summary>
    public long Position => guard.Consumed;

    /// <summary>Opens the CSV and reads its header row (a UTF-8 byte-order mark before it is skipped); throws <see cref="BatchFileException"/> naming an unknown or repeated column.</summary>
    public static CsvRequests Open(Stream stream)
    {
        var guard = new RecordGuard(stream);
        SepReader reader;
        try
        {
            reader = Sep.New(',').Reader(options => options with { HasHeader = true, Unescape = true, DisableColCountCheck = true }).From(guard);
        }
        catch (Exception e) when (e is InvalidDataException or ArgumentException)
        {
            throw new BatchFileException("line 1 (the CSV header) cannot be read.");
        }

        if (reader.IsEmpty)
        {
            reader.Dispose();
            throw new BatchFileException("the CSV file is empty: it needs a header row naming the columns.");
        }

        string[] columns = [.. reader.Header.ColNames];
        foreach (var column in columns)
        {
            if (!TopLevel.Contains(column) && !PrcFields.Contains(column))
            {
                reader.Dispose();
                throw new BatchFileException($"line 1 (the CSV header): unknown column '{Printable(column)}'; the columns are jti, rid, {string.Join(", ", PrcFields)}.");
            }
        }

        var repeated = columns.GroupBy(c => c, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated is not null)
        {
            reader.Dispose();
            throw new BatchFileException($"line 1 (the CSV header): the column '{repeated.Key}' is given twice.");
        }

        return new CsvRequests(guard, reader, columns);
    }

    /// <summary>The next record as request JSON (or the problem with it), or null at the end.</summary>
    public BatchLine? Next()
    {
        try
        {
            if (!reader.MoveNext())
            {
                return null;
            }
        }
        catch (RecordTooLongException)
        {
            throw new BatchFileException($"a CSV record is longer than {MaxRecordBytes / 1024} KiB (an unclosed quote?): the file cannot be read past it.");
        }

        var row = reader.Current;
        guard.RecordCompleted();
        var number = row.LineNumberFrom;
        if (row.ColCount != columns.Length)
        {
            return BatchLine.Invalid(number, $"{row.ColCount} fields where the header has {columns.Length}.");
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            for (var i = 0; i < columns.Length; i++)
            {
                if (TopLevel.Contains(columns[i]) && row[i].Span.Length > 0)
                {
                    writer.WriteString(columns[i], row[i].Span);
                }
            }

            writer.WriteStartObject("prc");
            for (var i = 0; i < columns.Length; i++)
            {
                if (PrcFields.Contains(columns[i]) && row[i].Span.Length > 0)
                {
                    writer.WriteString(columns[i], row[i].Span);
                }
            }

            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        return new BatchLine(number, buffer.ToArray(), null);
    }

    public void Dispose() => reader.Dispose();

    private static string Printable(string name) => name.Length <= 32 && !name.Any(char.IsControl) ? name : "…";

    private sealed class RecordTooLongException : IOException;

    /// <summary>The file as Sep reads it, refusing to hand out more than <see cref="MaxRecordBytes"/> past the last complete record.</summary>
    private sealed class RecordGuard(Stream inner) : Stream
    {
        private long sinceRecord;

        public long Consumed { get; private set; }

        public void RecordCompleted() => sinceRecord = 0;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => inner.Length;

        public override long Position { get => Consumed; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            // Sep reads ahead in blocks: a record may complete inside what it already holds, so the bound counts from the
            // last record handed out, with room for one read-ahead block.
            if (sinceRecord > MaxRecordBytes + buffer.Length)
            {
                throw new RecordTooLongException();
            }

            var read = inner.Read(buffer);
            Consumed += read;
            sinceRecord += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
