using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// The secrets of one credential offer, each derived one-way from the one before, so the database holds only their
/// digests and each holder can compute no more than it needs: the offer's secret id (in the address of the issuing
/// page, for the insurer's staff) gives the transaction code and the reference (the secret of the
/// <c>credential_offer_uri</c>, for the wallet); the reference gives the pre-authorized code. A wallet that fetched
/// the offer can therefore compute neither the page's id nor the transaction code.
/// </summary>
internal sealed class OfferSecrets
{
    private OfferSecrets(string id)
    {
        Id = id;
        Reference = Derive(id, "credential_offer_uri");
        Code = FromReference(Reference);
        var tx = HMACSHA256.HashData(Encoding.ASCII.GetBytes(id), "tx_code"u8);
        TxCode = (BinaryPrimitives.ReadUInt32BigEndian(tx) % 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>256 random bits, base64url: the offer's id in the issuing page's address.</summary>
    public string Id { get; }

    /// <summary>The secret of the offer's <c>credential_offer_uri</c>.</summary>
    public string Reference { get; }

    /// <summary>The pre-authorized code (OpenID4VCI 1.0 §4.1.1).</summary>
    public string Code { get; }

    /// <summary>The 6-digit transaction code, used when the offer asks for one.</summary>
    public string TxCode { get; }

    public static OfferSecrets Create() => new(Base64Url(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The secrets of an offer from its id, or null when the text cannot be one.</summary>
    public static OfferSecrets? FromId(string? id) => IsToken(id) ? new OfferSecrets(id!) : null;

    /// <summary>The pre-authorized code of the offer with this reference.</summary>
    public static string FromReference(string reference) => Derive(reference, "pre-authorized_code");

    /// <summary>Whether the text has the shape of one of these secrets (43 base64url characters), before any look-up.</summary>
    public static bool IsToken(string? text) => text is { Length: 43 } && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    /// <summary>The digest a secret is stored and looked up by: SHA-256, hex.</summary>
    public static string Digest(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>The digest of a transaction code, bound to its pre-authorized code (six digits alone would be guessed from a digest).</summary>
    public static string TxDigest(string code, string txCode) => Digest(code + ":" + txCode);

    private static string Derive(string key, string label) => Base64Url(HMACSHA256.HashData(Encoding.ASCII.GetBytes(key), Encoding.ASCII.GetBytes(label)));

    private static string Base64Url(byte[] bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}
