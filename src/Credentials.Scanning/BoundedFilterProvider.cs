using System.IO.Compression;
using System.Runtime.InteropServices;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Credentials.Scanning;

/// <summary>
/// PdfPig's stream filters, with the Flate filter (PDF 32000-1 §7.4.4) bounded: a few kilobytes of deflate data can
/// inflate to gigabytes, and PdfPig inflates a stream whole into memory. Each Flate stream is first inflated into a
/// scratch buffer only to count its size; past <see cref="MaxStreamBytes"/>, or once the document's streams together
/// pass <see cref="MaxDocumentBytes"/>, the stream is refused (the image or page holding it is skipped). One instance
/// serves one document (it counts what the document has inflated).
/// </summary>
internal sealed class BoundedFilterProvider : IFilterProvider
{
    /// <summary>The largest decoded stream: an image at the pixel bound with four bytes (CMYK) a pixel, and room to spare.</summary>
    public const long MaxStreamBytes = 256L * 1024 * 1024;

    /// <summary>All Flate streams of one document together (fonts, page contents, images).</summary>
    public const long MaxDocumentBytes = 1024L * 1024 * 1024;

    private readonly IFilterProvider filters = DefaultFilterProvider.Instance;
    private readonly BoundedFlateFilter flate;
    private readonly long maxStreamBytes;
    private readonly long maxDocumentBytes;

    public BoundedFilterProvider(long maxStreamBytes = MaxStreamBytes, long maxDocumentBytes = MaxDocumentBytes)
    {
        this.maxStreamBytes = maxStreamBytes;
        this.maxDocumentBytes = maxDocumentBytes;
        flate = new BoundedFlateFilter(this);
    }

    /// <summary>What the document's Flate streams have inflated to so far.</summary>
    public long DecodedBytes { get; private set; }

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Bounded(filters.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Bounded(filters.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Bounded(filters.GetAllFilters());

    private IFilter[] Bounded(IReadOnlyList<IFilter> list) => [.. list.Select(filter => filter is FlateFilter ? flate : filter)];

    private void Spend(long bytes)
    {
        if (bytes > maxStreamBytes || DecodedBytes + bytes > maxDocumentBytes)
        {
            throw new InvalidDataException($"a compressed stream of the PDF inflates past the {maxStreamBytes}-byte bound of a stream or the {maxDocumentBytes}-byte bound of a document.");
        }

        DecodedBytes += bytes;
    }

    private sealed class BoundedFlateFilter(BoundedFilterProvider owner) : IFilter
    {
        private readonly FlateFilter inner = new();

        public bool IsSupported => true;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            owner.Spend(InflatedLength(input, owner.maxStreamBytes + 1));
            return inner.Decode(input, streamDictionary, filterProvider, filterIndex);
        }

        /// <summary>How many bytes the zlib stream inflates to, counted up to <paramref name="limit"/>; damaged data counts as far as it goes.</summary>
        private static long InflatedLength(Memory<byte> input, long limit)
        {
            // RFC 1950 §2.2: two header bytes before the deflate data, skipped as PdfPig's filter does (it also
            // tolerates a wrong header or checksum, as viewers do).
            if (input.Length <= 2)
            {
                return 0;
            }

            var data = MemoryMarshal.TryGetArray<byte>(input, out var segment) ? segment : new ArraySegment<byte>(input.ToArray());
            using var compressed = new MemoryStream(data.Array!, data.Offset + 2, data.Count - 2, writable: false);
            using var inflater = new DeflateStream(compressed, CompressionMode.Decompress);
            var scratch = new byte[64 * 1024];
            long total = 0;
            try
            {
                int read;
                while (total < limit && (read = inflater.Read(scratch)) > 0)
                {
                    total += read;
                }
            }
            catch (InvalidDataException)
            {
                // The inner filter reports the damage (or keeps what it could inflate).
            }

            return total;
        }
    }
}
