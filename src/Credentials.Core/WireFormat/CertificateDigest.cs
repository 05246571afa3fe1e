using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;

namespace Credentials.WireFormat;

/// <summary>
/// A certificate's SHA-256 digest (the <c>x5t#S256</c> of a kid) held as four numbers: the registry's indexes key
/// on it directly, so building them makes no thumbprint strings and comparing two keys follows no pointer.
/// </summary>
internal readonly record struct CertificateDigest(ulong Part0, ulong Part1, ulong Part2, ulong Part3)
{
    public static CertificateDigest Of(ReadOnlySpan<byte> der)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(der, digest);
        return FromBytes(digest);
    }

    /// <summary>The <c>x5t#S256</c> text: base64url of the digest (RFC 7515 §4.1.8).</summary>
    public string ToThumbprint()
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        WriteTo(digest);
        return Base64Url.EncodeToString(digest);
    }

    /// <summary>Whether UTF-8 text is exactly this digest's thumbprint (no string is made).</summary>
    public bool IsThumbprint(ReadOnlySpan<byte> utf8)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        Span<byte> thumbprint = stackalloc byte[Base64Url.GetEncodedLength(SHA256.HashSizeInBytes)];
        WriteTo(digest);
        Base64Url.EncodeToUtf8(digest, thumbprint);
        return utf8.SequenceEqual(thumbprint);
    }

    private void WriteTo(Span<byte> digest)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(digest, Part0);
        BinaryPrimitives.WriteUInt64LittleEndian(digest[8..], Part1);
        BinaryPrimitives.WriteUInt64LittleEndian(digest[16..], Part2);
        BinaryPrimitives.WriteUInt64LittleEndian(digest[24..], Part3);
    }

    // A digest is uniformly random already: its first eight bytes are as good a hash as any.
    public override int GetHashCode() => (int)Part0 ^ (int)(Part0 >> 32);

    public static CertificateDigest FromBytes(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt64LittleEndian(digest),
        BinaryPrimitives.ReadUInt64LittleEndian(digest[8..]),
        BinaryPrimitives.ReadUInt64LittleEndian(digest[16..]),
        BinaryPrimitives.ReadUInt64LittleEndian(digest[24..]));
}
