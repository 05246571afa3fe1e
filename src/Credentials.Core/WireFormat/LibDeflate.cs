using System.Runtime.InteropServices;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// Deflate through libdeflate (https://github.com/ebiggers/libdeflate; Debian/Ubuntu <c>libdeflate0</c>), a
/// library made for whole buffers, which is exactly what a token is: one call compresses or inflates it, with
/// no stream state to set up or reset. Each thread keeps one compressor and one decompressor (they are not
/// thread-safe, and allocating them per token would cost more than the work). The API is plain pointers and
/// sizes, so there is no struct layout to agree on. Used when the library loads; otherwise
/// <see cref="ZlibCodec"/> falls back to <see cref="BclZlib"/>.
/// </summary>
internal sealed unsafe class LibDeflate : IZlibEngine
{
    /// <summary>
    /// libdeflate's level 1: a token is base64url text with few repeats, where this level finds nearly every
    /// match the slow levels find (1 to 6 bytes more per token than zlib's level 6) in about two thirds of the
    /// time; levels 2–9 clear larger match-finder tables on every call, which costs more than a token's work.
    /// </summary>
    private const int CompressionLevel = 1;

    // enum libdeflate_result (libdeflate.h).
    private const int Success = 0;
    private const int InsufficientSpace = 3;

    private static readonly Lazy<LibDeflate?> Loaded = new(TryLoad);

    private readonly delegate* unmanaged<int, void*> allocCompressor;
    private readonly delegate* unmanaged<void*, byte*, nuint, byte*, nuint, nuint> deflateCompress;
    private readonly delegate* unmanaged<void*, nuint, nuint> deflateCompressBound;
    private readonly delegate* unmanaged<void*, void> freeCompressor;
    private readonly delegate* unmanaged<void*> allocDecompressor;
    private readonly delegate* unmanaged<void*, byte*, nuint, byte*, nuint, nuint*, nuint*, int> deflateDecompress;
    private readonly delegate* unmanaged<void*, void> freeDecompressor;
    private readonly delegate* unmanaged<uint, byte*, nuint, uint> adler32;

    [ThreadStatic]
    private static Workspace? perThread;

    private LibDeflate(nint library)
    {
        allocCompressor = (delegate* unmanaged<int, void*>)NativeLibrary.GetExport(library, "libdeflate_alloc_compressor");
        deflateCompress = (delegate* unmanaged<void*, byte*, nuint, byte*, nuint, nuint>)NativeLibrary.GetExport(library, "libdeflate_deflate_compress");
        deflateCompressBound = (delegate* unmanaged<void*, nuint, nuint>)NativeLibrary.GetExport(library, "libdeflate_deflate_compress_bound");
        freeCompressor = (delegate* unmanaged<void*, void>)NativeLibrary.GetExport(library, "libdeflate_free_compressor");
        allocDecompressor = (delegate* unmanaged<void*>)NativeLibrary.GetExport(library, "libdeflate_alloc_decompressor");
        deflateDecompress = (delegate* unmanaged<void*, byte*, nuint, byte*, nuint, nuint*, nuint*, int>)NativeLibrary.GetExport(library, "libdeflate_deflate_decompress_ex");
        freeDecompressor = (delegate* unmanaged<void*, void>)NativeLibrary.GetExport(library, "libdeflate_free_decompressor");
        adler32 = (delegate* unmanaged<uint, byte*, nuint, uint>)NativeLibrary.GetExport(library, "libdeflate_adler32");
    }

    /// <summary>libdeflate, or null where it is not installed.</summary>
    public static LibDeflate? Instance => Loaded.Value;

    public string Name => "libdeflate";

    public int HeaderLevel => 0; // level 1, the fastest

    public int MaxDeflatedLength(int dataLength) => checked((int)deflateCompressBound(Current().Compressor(this), (nuint)dataLength));

    public int Deflate(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var compressor = Current().Compressor(this);
        fixed (byte* input = data)
        fixed (byte* output = destination)
        {
            // libdeflate returns 0 when the output does not fit; MaxDeflatedLength sizes it so that it always does.
            var written = deflateCompress(compressor, input, (nuint)data.Length, output, (nuint)destination.Length);
            return written != 0 ? (int)written : throw new InvalidOperationException("libdeflate: the compressed data did not fit the buffer sized by its own bound.");
        }
    }

    public uint Adler32(ReadOnlySpan<byte> data)
    {
        fixed (byte* input = data)
        {
            return adler32(1, input, (nuint)data.Length);
        }
    }

    public int Inflate(ReadOnlyMemory<byte> body, byte[] output, int maxLength)
    {
        var decompressor = Current().Decompressor(this);
        using var pin = body.Pin();
        fixed (byte* destination = output)
        {
            // The output space is the limit plus one byte, so "more than the limit" shows as no space left: the
            // work stops there, which is what bounds a zlib bomb.
            nuint read, written;
            var status = deflateDecompress(decompressor, (byte*)pin.Pointer, (nuint)body.Length, destination, (nuint)(maxLength + 1), &read, &written);
            return status switch
            {
                InsufficientSpace => -1,
                Success when (int)written > maxLength => -1,
                // The whole body must be one deflate stream: nothing may follow its last block.
                Success when (int)read == body.Length => (int)written,
                Success => throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib (RFC 1950): bytes follow the end of the deflate stream."),
                // libdeflate reports a truncated stream and corrupt data alike, as bad data.
                _ => throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib (RFC 1950): the deflate data is corrupt or truncated."),
            };
        }
    }

    private static Workspace Current() => perThread ??= new Workspace();

    private static LibDeflate? TryLoad()
    {
        foreach (var name in new[] { "libdeflate.so.0", "libdeflate.so", "libdeflate.0.dylib", "libdeflate.dylib", "libdeflate.dll" })
        {
            if (NativeLibrary.TryLoad(name, out var library))
            {
                try
                {
                    return new LibDeflate(library);
                }
                catch (EntryPointNotFoundException)
                {
                    return null; // a version before libdeflate_deflate_decompress_ex (1.0): use the fallback
                }
            }
        }

        return null;
    }

    /// <summary>One thread's compressor and decompressor; the finalizer frees them when the thread is gone.</summary>
    private sealed class Workspace
    {
        private void* compressor;
        private void* decompressor;
        private LibDeflate? owner;

        ~Workspace()
        {
            if (owner is null)
            {
                return;
            }

            if (compressor is not null)
            {
                owner.freeCompressor(compressor);
            }

            if (decompressor is not null)
            {
                owner.freeDecompressor(decompressor);
            }
        }

        public void* Compressor(LibDeflate library)
        {
            if (compressor is null)
            {
                owner = library;
                compressor = library.allocCompressor(CompressionLevel);
                if (compressor is null)
                {
                    throw new InsufficientMemoryException("libdeflate could not allocate a compressor.");
                }
            }

            return compressor;
        }

        public void* Decompressor(LibDeflate library)
        {
            if (decompressor is null)
            {
                owner = library;
                decompressor = library.allocDecompressor();
                if (decompressor is null)
                {
                    throw new InsufficientMemoryException("libdeflate could not allocate a decompressor.");
                }
            }

            return decompressor;
        }
    }
}
