using System.Buffers.Text;
using System.Numerics;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// A Status List (draft-ietf-oauth-status-list-21 §4): the statuses of many credentials, 1, 2, 4 or 8 bits each,
/// packed into bytes from the least significant bit, and carried zlib-compressed as <c>lst</c>. Reading is safe from
/// several threads at once; changing entries is not (the issuer builds a list on one thread, then signs it).
/// </summary>
public sealed class StatusList
{
    /// <summary>
    /// The most bytes a list may inflate to unless the reader says otherwise: 8 MiB, i.e. 2^23 entries of 8 bits or
    /// 2^26 of 1 bit, far above any list we or our peers publish (a 2^20-entry 8-bit list is 1 MiB).
    /// </summary>
    public const int DefaultMaxDecompressedBytes = 8 * 1024 * 1024;

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private readonly byte[] bytes;
    private readonly int bitsShift;
    private readonly int entriesPerByteShift;
    private readonly byte mask;

    /// <summary>
    /// A new list of <paramref name="count"/> entries, every one 0x00 (VALID): draft-ietf-oauth-status-list-21 §13.3
    /// recommends the most common value as the default, so an unused index looks like any valid credential.
    /// </summary>
    /// <param name="bits">Bits per entry: 1, 2, 4 or 8.</param>
    /// <param name="count">The number of entries: a positive multiple of 8 / <paramref name="bits"/>, so the list fills whole bytes.</param>
    public StatusList(int bits, long count)
        : this(bits, NewBytes(bits, count))
    {
    }

    private StatusList(int bits, byte[] bytes)
    {
        Bits = bits;
        this.bytes = bytes;
        bitsShift = BitOperations.Log2((uint)bits);
        entriesPerByteShift = 3 - bitsShift;
        mask = (byte)((1 << bits) - 1);
        Count = (long)bytes.Length << entriesPerByteShift;
    }

    /// <summary>Bits per entry (§4.1 step 1: 1, 2, 4 or 8).</summary>
    public int Bits { get; }

    /// <summary>
    /// How many entries the list holds: its bytes times 8 / <see cref="Bits"/>. A list read from a token does not say
    /// how many of those its issuer handed out (§4.1 step 2: "or greater"), so every index below this is in the list.
    /// </summary>
    public long Count { get; }

    /// <summary>The largest status value an entry can hold: 2^<see cref="Bits"/> - 1.</summary>
    public byte MaxValue => mask;

    /// <summary>The uncompressed byte array (§4.1 step 2), for tests and diagnostics.</summary>
    internal ReadOnlySpan<byte> Bytes => bytes;

    /// <summary>Whether <paramref name="bits"/> is a size §4.1 step 1 allows.</summary>
    public static bool IsAllowedBits(int bits) => bits is 1 or 2 or 4 or 8;

    /// <summary>
    /// Reads a list from its zlib stream (the CBOR form's <c>lst</c>, §4.3), strictly: the RFC 1950 header, the
    /// Adler-32 and the stream's end are checked, bytes after it are refused, and inflating stops as soon as the output
    /// passes <paramref name="maxDecompressedBytes"/>. Throws <see cref="StatusListFormatException"/> saying what is wrong.
    /// </summary>
    public static StatusList Decompress(int bits, ReadOnlyMemory<byte> compressed, int maxDecompressedBytes = DefaultMaxDecompressedBytes)
    {
        if (!IsAllowedBits(bits))
        {
            throw new StatusListFormatException(Credentials.Status.StatusUnknownCause.Malformed, $"the status list's bits is {bits}; only 1, 2, 4 and 8 are allowed (draft-ietf-oauth-status-list-21 §4.1).");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxDecompressedBytes);
        var inflated = StatusListZlib.Decompress(compressed, maxDecompressedBytes);
        if (inflated.Length == 0)
        {
            throw new StatusListFormatException(Credentials.Status.StatusUnknownCause.Malformed, "the status list is empty: it inflates to no bytes.");
        }

        return new StatusList(bits, inflated);
    }

    /// <summary>Reads a list from the JSON form's <c>lst</c> (§4.2: base64url of the zlib stream, no padding), as <see cref="Decompress"/> does.</summary>
    public static StatusList FromLst(int bits, string lst, int maxDecompressedBytes = DefaultMaxDecompressedBytes)
    {
        ArgumentNullException.ThrowIfNull(lst);
        // base64url inflates by 4/3; anything longer than the decompressed bound could not be a list we accept
        // (DEFLATE never expands by more than a few bytes per 64 KiB), so it is refused before decoding.
        if (lst.Length > (long)maxDecompressedBytes * 2 + 1024)
        {
            throw new StatusListFormatException(Credentials.Status.StatusUnknownCause.TooLarge, "the status list's lst is longer than any list within the size allowed.");
        }

        var compressed = new byte[Base64Url.GetMaxDecodedLength(lst.Length)];
        // RFC 7515 §2: only the base64url alphabet; the BCL's decoder would otherwise skip white space.
        if (lst.AsSpan().ContainsAnyExcept(Base64UrlAlphabet) || Base64Url.DecodeFromChars(lst, compressed, out var consumed, out var written) != System.Buffers.OperationStatus.Done || consumed != lst.Length)
        {
            throw new StatusListFormatException(Credentials.Status.StatusUnknownCause.Malformed, "the status list's lst is not base64url without padding (draft-ietf-oauth-status-list-21 §4.2).");
        }

        return Decompress(bits, compressed.AsMemory(0, written), maxDecompressedBytes);
    }

    /// <summary>The status of the entry at <paramref name="index"/> (0 ≤ index &lt; <see cref="Count"/>).</summary>
    public byte Get(long index)
    {
        if ((ulong)index >= (ulong)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"the list holds {Count} entries; an index is 0 to {Count - 1}.");
        }

        // §4.1 step 3: entry i sits in byte i·bits/8, at bit (i mod 8/bits)·bits counted from the least significant bit.
        var shift = (int)(index & ((1 << entriesPerByteShift) - 1)) << bitsShift;
        return (byte)((bytes[index >> entriesPerByteShift] >> shift) & mask);
    }

    /// <summary>Sets the status of the entry at <paramref name="index"/>; the value must fit in <see cref="Bits"/> bits.</summary>
    public void Set(long index, byte status)
    {
        if ((ulong)index >= (ulong)Count)
        {
            throw new ArgumentOutOfRangeException(nameof(index), $"the list holds {Count} entries; an index is 0 to {Count - 1}.");
        }

        if (status > mask)
        {
            throw new ArgumentOutOfRangeException(nameof(status), $"a status of {status} does not fit in {Bits} bit{(Bits == 1 ? string.Empty : "s")} (at most {mask}).");
        }

        var shift = (int)(index & ((1 << entriesPerByteShift) - 1)) << bitsShift;
        ref var slot = ref bytes[index >> entriesPerByteShift];
        slot = (byte)((slot & ~(mask << shift)) | (status << shift));
    }

    /// <summary>§4.1 step 4: the byte array compressed with DEFLATE in the zlib format, at the highest level.</summary>
    public byte[] Compress() => StatusListZlib.Compress(bytes);

    /// <summary>§4.2: <c>lst</c> for the JSON form, base64url of <see cref="Compress"/> without padding.</summary>
    public string ToLst() => Base64Url.EncodeToString(Compress());

    private static byte[] NewBytes(int bits, long count)
    {
        if (!IsAllowedBits(bits))
        {
            throw new ArgumentOutOfRangeException(nameof(bits), $"a status list has 1, 2, 4 or 8 bits per entry (draft-ietf-oauth-status-list-21 §4.1), not {bits}.");
        }

        var perByte = 8 / bits;

        // §13.4: the size in bits is RECOMMENDED to fill whole bytes; we require it, so Count is exactly what was asked.
        if (count <= 0 || count % perByte != 0 || count / perByte > Array.MaxLength)
        {
            throw new ArgumentOutOfRangeException(nameof(count), $"a {bits}-bit status list holds a positive multiple of {perByte} entries (it fills whole bytes), not {count}.");
        }

        return new byte[count / perByte];
    }
}
