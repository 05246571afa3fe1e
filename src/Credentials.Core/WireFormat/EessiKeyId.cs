using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Credentials.WireFormat;

/// <summary>
/// The `kid` of an ePRC token (spec §2): <c>EESSI:x5t#S256:</c> followed by the base64url (no padding) of
/// SHA-256 over the signing certificate's DER, i.e. the certificate's <c>x5t#S256</c> thumbprint (RFC 7515 §4.1.8).
/// </summary>
public readonly record struct EessiKeyId
{
    /// <summary>What every ePRC <c>kid</c> begins with (spec §2).</summary>
    public const string Prefix = "EESSI:x5t#S256:";

    /// <summary>A SHA-256 digest is 32 bytes, 43 base64url characters.</summary>
    private const int ThumbprintLength = 43;

    /// <summary>The kid as written, kept so that printing it makes no new string (the report carries it).</summary>
    private readonly string text;

    private EessiKeyId(string kid, CertificateDigest digest)
    {
        text = kid;
        Digest = digest;
    }

    /// <summary>The certificate's <c>x5t#S256</c>: base64url of SHA-256 over its DER.</summary>
    public string Thumbprint => ToString()[Prefix.Length..];

    /// <summary>The same digest as numbers, decoded once when the kid is read: what the registry's index keys on.</summary>
    internal CertificateDigest Digest { get; }

    /// <summary>The kid of a signing certificate: the prefix and the base64url of SHA-256 over its DER.</summary>
    public static EessiKeyId FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var digest = CertificateDigest.Of(certificate.RawData);
        return new(Prefix + digest.ToThumbprint(), digest);
    }

    /// <summary>The certificate's <c>x5t#S256</c> thumbprint (RFC 7515 §4.1.8): base64url of SHA-256 over its DER, without padding.</summary>
    public static string ComputeThumbprint(X509Certificate2 certificate) =>
        CertificateDigest.Of((certificate ?? throw new ArgumentNullException(nameof(certificate))).RawData).ToThumbprint();

    /// <summary>Parses a `kid`, which must match <c>^EESSI:x5t#S256:[A-Za-z0-9_-]+$</c> and carry a SHA-256 thumbprint.</summary>
    public static bool TryParse([NotNullWhen(true)] string? kid, out EessiKeyId keyId, [NotNullWhen(false)] out Labels.MessageText? error)
    {
        keyId = default;
        if (kid is null || !kid.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = DecodeMessages.KidPrefix(Prefix);
            return false;
        }

        var thumbprint = kid.AsSpan(Prefix.Length);
        if (thumbprint.ContainsAnyExcept(Base64UrlAlphabet))
        {
            error = DecodeMessages.KidAlphabet();
            return false;
        }

        if (thumbprint.Length != ThumbprintLength)
        {
            error = DecodeMessages.KidLength(thumbprint.Length, ThumbprintLength);
            return false;
        }

        // 43 characters carry 258 bits: the last character's two spare bits must be zero (RFC 4648 §3.5), so
        // one digest has exactly one thumbprint. A character's 6-bit value is its place in the alphabet.
        Span<byte> digest = stackalloc byte[32];
        if ((Base64UrlCharacters.IndexOf(thumbprint[^1], StringComparison.Ordinal) & 0b11) != 0
            || Base64Url.DecodeFromChars(thumbprint, digest, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            error = DecodeMessages.KidNotCanonical();
            return false;
        }

        keyId = new EessiKeyId(kid, CertificateDigest.FromBytes(digest));
        error = null;
        return true;
    }

    /// <summary>The kid of a thumbprint (43 base64url characters); a <see cref="FormatException"/> says what is wrong.</summary>
    public static EessiKeyId FromThumbprint(string thumbprint) =>
        TryParse(Prefix + thumbprint, out var id, out var error) ? id : throw new FormatException(error.ToString());

    /// <summary>The kid as written, <c>EESSI:x5t#S256:…</c>.</summary>
    public override string ToString() => text ?? Prefix;

    /// <summary>RFC 4648 §5: the base64url alphabet, each character at its 6-bit value.</summary>
    private const string Base64UrlCharacters = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    private static readonly System.Buffers.SearchValues<char> Base64UrlAlphabet = System.Buffers.SearchValues.Create(Base64UrlCharacters);
}
