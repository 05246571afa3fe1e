using System.Text;

namespace Credentials.Batch;

/// <summary>
/// Streams the requests of a batch file, one at a time, whatever its size: JSON Lines (<c>.jsonl</c>, one request
/// object a line, blank lines ignored) or CSV (<c>.csv</c>, a header row then one request a line).
/// </summary>
public sealed class BatchRequestFile : IDisposable
{
    private readonly FileStream stream;
    private readonly LineReader lines;
    private readonly CsvRequests? csv;
    private long lineNumber;

    private BatchRequestFile(string path)
    {
        stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1, FileOptions.SequentialScan);
        lines = new LineReader(stream);
        Length = stream.Length;
        if (string.Equals(Path.GetExtension(path), ".csv", StringComparison.OrdinalIgnoreCase))
        {
            csv = CsvRequests.Open(stream);
        }
    }

    /// <summary>The file's length in bytes.</summary>
    public long Length { get; }

    /// <summary>Bytes read so far.</summary>
    public long Position => csv?.Position ?? lines.Position;

    /// <summary>Opens a requests file by its extension (<c>.jsonl</c>, <c>.ndjson</c>: JSON Lines; <c>.csv</c>: CSV); a <see cref="BatchFileException"/> when it has another extension, is missing or cannot be read.</summary>
    public static BatchRequestFile Open(string path)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        if (extension is not (".jsonl" or ".csv" or ".ndjson"))
        {
            throw new BatchFileException($"'{path}' is neither JSON Lines (.jsonl) nor CSV (.csv).");
        }

        if (!File.Exists(path))
        {
            throw new BatchFileException($"the requests file '{path}' does not exist.");
        }

        try
        {
            return new BatchRequestFile(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BatchFileException($"the requests file '{path}' cannot be read: {e.Message}");
        }
    }

    /// <summary>The next request, or null at the end of the file.</summary>
    public BatchLine? Next()
    {
        if (csv is not null)
        {
            return csv.Next();
        }

        while (lines.Next() is var (line, overlong))
        {
            lineNumber++;
            if (overlong)
            {
                return BatchLine.Invalid(lineNumber, $"the line is longer than {LineReader.MaxLineBytes} bytes.");
            }

            if (line.AsSpan().Trim(" \t"u8).IsEmpty)
            {
                continue;
            }

            if (!System.Text.Unicode.Utf8.IsValid(line))
            {
                return BatchLine.Invalid(lineNumber, "the line is not valid UTF-8.");
            }

            // A UTF-8 byte-order mark (which common Windows editors write) is not part of the first request.
            return new BatchLine(lineNumber, lineNumber == 1 && line.AsSpan().StartsWith("\uFEFF"u8) ? line[3..] : line, null);
        }

        return null;
    }

    /// <summary>Closes the file.</summary>
    public void Dispose()
    {
        csv?.Dispose();
        stream.Dispose();
    }
}
