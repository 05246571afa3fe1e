namespace Credentials.Batch;

/// <summary>
/// Lines of a UTF-8 stream, each at most <see cref="MaxLineBytes"/>: a longer line is skipped to its end and reported,
/// so one bad line can neither exhaust memory nor stop the lines after it.
/// </summary>
internal sealed class LineReader(Stream stream)
{
    public const int MaxLineBytes = 64 * 1024;

    private readonly byte[] buffer = new byte[1 << 16];
    private int start;
    private int end;

    /// <summary>Bytes consumed so far, for progress against the file's length.</summary>
    public long Position { get; private set; }

    /// <summary>The next line without its line break (CR LF or LF); <c>Overlong</c> when it was cut; null at the end.</summary>
    public (byte[] Line, bool Overlong)? Next()
    {
        var line = new MemoryStream();
        var overlong = false;
        while (true)
        {
            if (start == end && !Fill())
            {
                return Finish(line, overlong, atEnd: true);
            }

            var span = buffer.AsSpan(start, end - start);
            var newline = span.IndexOf((byte)'\n');
            var take = newline < 0 ? span.Length : newline;
            if (!overlong)
            {
                if (line.Length + take > MaxLineBytes)
                {
                    overlong = true;
                    line.SetLength(0);
                }
                else
                {
                    line.Write(span[..take]);
                }
            }

            start += newline < 0 ? take : take + 1;
            Position += newline < 0 ? take : take + 1;
            if (newline >= 0)
            {
                return Finish(line, overlong, atEnd: false);
            }
        }
    }

    private static (byte[] Line, bool Overlong)? Finish(MemoryStream line, bool overlong, bool atEnd)
    {
        if (atEnd && line.Length == 0 && !overlong)
        {
            return null;
        }

        var bytes = line.ToArray();
        return (bytes.Length > 0 && bytes[^1] == '\r' ? bytes[..^1] : bytes, overlong);
    }

    private bool Fill()
    {
        start = 0;
        end = stream.Read(buffer);
        return end > 0;
    }
}
