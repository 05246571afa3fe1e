using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// The digest of a Disclosure (RFC 9901 §4.2.3): base64url(SHA-256(ASCII of the Disclosure as sent)). It is taken
/// over the received text, never over re-serialized JSON, so two encodings of one claim have two digests.
/// </summary>
public static class DisclosureDigest
{
    /// <summary>SHA-256 is 32 bytes; its base64url text is 43 characters.</summary>
    public const int Length = 43;

    /// <summary>The digest of the Disclosure text <paramref name="encodedDisclosure"/>.</summary>
    public static string Compute(string encodedDisclosure)
    {
        ArgumentNullException.ThrowIfNull(encodedDisclosure);
        return Compute(encodedDisclosure.AsSpan());
    }

    /// <summary>The SHA-256 digest of ASCII text (a Disclosure, or the presentation for <c>sd_hash</c>), base64url.</summary>
    public static string Compute(ReadOnlySpan<char> asciiText)
    {
        // RFC 9901 §4.2.3: the input is the US-ASCII bytes of the base64url text.
        var maxBytes = asciiText.Length;
        var rented = maxBytes <= 1024 ? null : System.Buffers.ArrayPool<byte>.Shared.Rent(maxBytes);
        try
        {
            Span<byte> bytes = rented ?? stackalloc byte[maxBytes];
            var written = Encoding.ASCII.GetBytes(asciiText, bytes);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            SHA256.HashData(bytes[..written], hash);
            return Base64Url.EncodeToString(hash);
        }
        finally
        {
            if (rented is not null)
            {
                System.Buffers.ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Whether <paramref name="digest"/> can be a SHA-256 digest: canonical base64url of 32 bytes.</summary>
    public static bool IsWellFormed(string digest) => Base64UrlText.IsEncodingOf(digest, SHA256.HashSizeInBytes);

    /// <summary>
    /// A decoy digest (RFC 9901 §4.2.5): the SHA-256 of fresh random bytes, indistinguishable from the digest of a
    /// Disclosure that is not shown.
    /// </summary>
    public static string CreateDecoy()
    {
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(random, hash);
        return Base64Url.EncodeToString(hash);
    }
}
