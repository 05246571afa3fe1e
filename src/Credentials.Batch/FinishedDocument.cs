using System.Globalization;
using System.Text;

namespace Credentials.Batch;

/// <summary>
/// Whether a PDF already in the output folder is one a run finished, before a resumed run skips it: a batch writes
/// each PDF under a temporary name and renames it when complete, so a damaged one is not of its making (a copy cut
/// short, a disk fault, an edit). Checked cheaply, from the file's two ends (PDF 32000-1 §7.5.5): the header
/// <c>%PDF-</c>, and a trailer whose <c>startxref</c> offset lies inside the file and points at the
/// cross-reference section (<c>xref</c>, or a cross-reference stream's object <c>N 0 obj</c>), then <c>%%EOF</c>.
/// </summary>
internal static class FinishedDocument
{
    /// <summary>No document a batch writes is smaller (a one-page PDF with its QR image is tens of kilobytes).</summary>
    private const int MinBytes = 1024;

    /// <summary>How much of the end is read for the trailer: <c>startxref</c>, the offset and <c>%%EOF</c> are a few dozen bytes.</summary>
    private const int TailBytes = 1024;

    /// <summary>True when <paramref name="path"/> is a PDF with its header and an intact trailer.</summary>
    public static bool IsComplete(string path)
    {
        try
        {
            using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
            var length = file.Length;
            if (length < MinBytes)
            {
                return false;
            }

            var head = new byte[5];
            file.ReadExactly(head);
            if (!head.AsSpan().SequenceEqual("%PDF-"u8))
            {
                return false;
            }

            var tail = new byte[(int)Math.Min(TailBytes, length)];
            file.Seek(-tail.Length, SeekOrigin.End);
            file.ReadExactly(tail);
            if (CrossReferenceOffset(tail) is not { } offset || offset < head.Length || offset >= length - tail.Length + TailEnd(tail))
            {
                return false;
            }

            var section = new byte[4];
            file.Seek(offset, SeekOrigin.Begin);
            file.ReadExactly(section);
            return section.AsSpan().SequenceEqual("xref"u8) || char.IsAsciiDigit((char)section[0]);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false; // unreadable or cut short while reading: issue it again
        }
    }

    /// <summary>The offset after the last <c>startxref</c> when the text after it is that number and <c>%%EOF</c>, else null.</summary>
    private static long? CrossReferenceOffset(ReadOnlySpan<byte> tail)
    {
        var end = tail.TrimEnd(" \r\n\t\0"u8);
        if (!end.EndsWith("%%EOF"u8))
        {
            return null;
        }

        var at = end.LastIndexOf("startxref"u8);
        if (at < 0)
        {
            return null;
        }

        var number = end[(at + "startxref".Length)..^"%%EOF".Length].Trim(" \r\n\t"u8);
        return long.TryParse(Encoding.ASCII.GetString(number), NumberStyles.None, CultureInfo.InvariantCulture, out var offset) ? offset : null;
    }

    /// <summary>Where <c>startxref</c> begins in the tail: the cross-reference section lies before it.</summary>
    private static int TailEnd(ReadOnlySpan<byte> tail) => Math.Max(0, tail.LastIndexOf("startxref"u8));
}
