using System.Runtime.InteropServices;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// Deflate through the platform's zlib (libz.so.1 on Linux, libz.dylib on macOS), with one deflate and one
/// inflate stream per thread that are reset between documents (<c>deflateReset</c>, <c>inflateReset</c>) instead
/// of allocated anew: deflate's state is about 300 KB, and allocating and touching it for every document cost
/// more than the compression itself. Used when the library loads and agrees with our <c>z_stream</c> layout
/// (64-bit Unix); otherwise <see cref="ZlibCodec"/> falls back to <see cref="BclZlib"/>.
/// </summary>
internal sealed unsafe class SystemZlib : IZlibEngine
{
    // zlib.h return codes and flush values.
    private const int ZOk = 0;
    private const int ZStreamEnd = 1;
    private const int ZBufError = -5;
    private const int ZFinish = 4;

    // deflateInit2 parameters: level 6 (zlib's default), deflate, raw (negative window bits). A token is a few
    // kilobytes at most, so a 4 KiB window (12 bits) and memory level 5 give the same output as zlib's defaults
    // while the state shrinks from about 270 KB to about 30 KB: less to touch per document, and less of the
    // processor's cache evicted. Inflation keeps the full 32 KiB window, so any conforming stream is read.
    private const int Level = 6;
    private const int Method = 8;
    private const int DeflateWindowBits = -12;
    private const int InflateWindowBits = -15;
    private const int MemLevel = 5;
    private const int DefaultStrategy = 0;

    private static readonly Lazy<SystemZlib?> Loaded = new(TryLoad);

    private readonly delegate* unmanaged<ZStream*, int, int, int, int, int, byte*, int, int> deflateInit2;
    private readonly delegate* unmanaged<ZStream*, int> deflateReset;
    private readonly delegate* unmanaged<ZStream*, int, int> deflate;
    private readonly delegate* unmanaged<ZStream*, int> deflateEnd;
    private readonly delegate* unmanaged<ZStream*, int, byte*, int, int> inflateInit2;
    private readonly delegate* unmanaged<ZStream*, int> inflateReset;
    private readonly delegate* unmanaged<ZStream*, int, int> inflate;
    private readonly delegate* unmanaged<ZStream*, int> inflateEnd;
    private readonly delegate* unmanaged<nuint, byte*, uint, nuint> adler32;
    private readonly byte* version;

    [ThreadStatic]
    private static Streams? perThread;

    private SystemZlib(nint library)
    {
        deflateInit2 = (delegate* unmanaged<ZStream*, int, int, int, int, int, byte*, int, int>)NativeLibrary.GetExport(library, "deflateInit2_");
        deflateReset = (delegate* unmanaged<ZStream*, int>)NativeLibrary.GetExport(library, "deflateReset");
        deflate = (delegate* unmanaged<ZStream*, int, int>)NativeLibrary.GetExport(library, "deflate");
        deflateEnd = (delegate* unmanaged<ZStream*, int>)NativeLibrary.GetExport(library, "deflateEnd");
        inflateInit2 = (delegate* unmanaged<ZStream*, int, byte*, int, int>)NativeLibrary.GetExport(library, "inflateInit2_");
        inflateReset = (delegate* unmanaged<ZStream*, int>)NativeLibrary.GetExport(library, "inflateReset");
        inflate = (delegate* unmanaged<ZStream*, int, int>)NativeLibrary.GetExport(library, "inflate");
        inflateEnd = (delegate* unmanaged<ZStream*, int>)NativeLibrary.GetExport(library, "inflateEnd");
        adler32 = (delegate* unmanaged<nuint, byte*, uint, nuint>)NativeLibrary.GetExport(library, "adler32");
        version = ((delegate* unmanaged<byte*>)NativeLibrary.GetExport(library, "zlibVersion"))();
    }

    /// <summary>The platform's zlib, or null where there is none we can use.</summary>
    public static SystemZlib? Instance => Loaded.Value;

    public string Name => "zlib " + Marshal.PtrToStringAnsi((nint)version);

    // zlib's deflateBound for non-default window and memory settings (deflate.c): the conservative bound,
    // which covers stored blocks as small as our memory level makes them.
    public int MaxDeflatedLength(int dataLength) => dataLength + ((dataLength + 7) >> 3) + ((dataLength + 63) >> 6) + 5 + 16;

    public int Deflate(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        var stream = Current().Deflater(this);
        fixed (byte* input = data)
        fixed (byte* output = destination)
        {
            stream->next_in = input;
            stream->avail_in = (uint)data.Length;
            stream->next_out = output;
            stream->avail_out = (uint)destination.Length;
            var status = deflate(stream, ZFinish);
            var written = (int)((uint)destination.Length - stream->avail_out);
            stream->next_in = stream->next_out = null;
            return status == ZStreamEnd ? written : throw new InvalidOperationException($"zlib deflate failed ({status}).");
        }
    }

    public uint Adler32(ReadOnlySpan<byte> data)
    {
        fixed (byte* input = data)
        {
            return (uint)adler32(1, input, (uint)data.Length);
        }
    }

    public int Inflate(ReadOnlyMemory<byte> body, byte[] output, int maxLength)
    {
        var stream = Current().Inflater(this);
        using var pin = body.Pin();
        fixed (byte* destination = output)
        {
            stream->next_in = (byte*)pin.Pointer;
            stream->avail_in = (uint)body.Length;
            stream->next_out = destination;
            stream->avail_out = (uint)(maxLength + 1);
            var status = inflate(stream, ZFinish);
            var written = maxLength + 1 - (int)stream->avail_out;
            var unread = stream->avail_in;
            stream->next_in = stream->next_out = null;
            return status switch
            {
                _ when written > maxLength => -1,
                // The whole body must be one deflate stream: nothing may follow its last block.
                ZStreamEnd when unread == 0 => written,
                ZStreamEnd => throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib (RFC 1950): bytes follow the end of the deflate stream."),
                ZBufError or ZOk when stream->avail_out == 0 => -1,
                ZBufError or ZOk => throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib (RFC 1950): the deflate stream is truncated."),
                _ => throw new WireFormatException(FindingCode.NotZlib, "the data is not zlib (RFC 1950): the deflate data is corrupt."),
            };
        }
    }

    private static Streams Current() => perThread ??= new Streams();

    private static SystemZlib? TryLoad()
    {
        // The z_stream layout below is the LP64 one (uLong is 64 bits): 64-bit Linux and macOS.
        if (!Environment.Is64BitProcess || OperatingSystem.IsWindows())
        {
            return null;
        }

        foreach (var name in new[] { "libz.so.1", "libz.so", "libz.1.dylib", "libz.dylib" })
        {
            if (NativeLibrary.TryLoad(name, out var library))
            {
                try
                {
                    var engine = new SystemZlib(library);
                    Current().Deflater(engine); // deflateInit2_ checks our struct size and the version
                    return engine;
                }
                catch (Exception e) when (e is EntryPointNotFoundException or InvalidOperationException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>One thread's streams; the finalizer releases them when the thread is gone.</summary>
    private sealed class Streams
    {
        private ZStream* deflater;
        private ZStream* inflater;
        private SystemZlib? owner;

        ~Streams()
        {
            if (owner is null)
            {
                return;
            }

            if (deflater is not null)
            {
                owner.deflateEnd(deflater);
                NativeMemory.Free(deflater);
            }

            if (inflater is not null)
            {
                owner.inflateEnd(inflater);
                NativeMemory.Free(inflater);
            }
        }

        public ZStream* Deflater(SystemZlib zlib)
        {
            owner = zlib;
            if (deflater is not null)
            {
                Check(zlib.deflateReset(deflater), "deflateReset");
                return deflater;
            }

            var stream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
            var status = zlib.deflateInit2(stream, Level, Method, DeflateWindowBits, MemLevel, DefaultStrategy, zlib.version, sizeof(ZStream));
            if (status != ZOk)
            {
                NativeMemory.Free(stream);
                throw new InvalidOperationException($"zlib deflateInit2 failed ({status}).");
            }

            return deflater = stream;
        }

        public ZStream* Inflater(SystemZlib zlib)
        {
            owner = zlib;
            if (inflater is not null)
            {
                Check(zlib.inflateReset(inflater), "inflateReset");
                return inflater;
            }

            var stream = (ZStream*)NativeMemory.AllocZeroed((nuint)sizeof(ZStream));
            var status = zlib.inflateInit2(stream, InflateWindowBits, zlib.version, sizeof(ZStream));
            if (status != ZOk)
            {
                NativeMemory.Free(stream);
                throw new InvalidOperationException($"zlib inflateInit2 failed ({status}).");
            }

            return inflater = stream;
        }

        private static void Check(int status, string call)
        {
            if (status != ZOk)
            {
                throw new InvalidOperationException($"zlib {call} failed ({status}).");
            }
        }
    }

    /// <summary>zlib.h's z_stream on LP64 platforms.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ZStream
    {
        public byte* next_in;
        public uint avail_in;
        public nuint total_in;
        public byte* next_out;
        public uint avail_out;
        public nuint total_out;
        public byte* msg;
        public void* state;
        public void* zalloc;
        public void* zfree;
        public void* opaque;
        public int data_type;
        public nuint adler;
        public nuint reserved;
    }
}
