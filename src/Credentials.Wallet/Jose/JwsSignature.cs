using System.Text.Json;

namespace Credentials.Wallet.Jose;

/// <summary>One signature of a JWS (RFC 7515 §7.2.1): its protected header as sent, the header, the signature bytes.</summary>
public sealed class JwsSignature
{
    internal JwsSignature(string encodedProtectedHeader, JoseHeader header, JsonElement? unprotectedHeader, byte[] signature, string encodedSignature)
    {
        EncodedProtectedHeader = encodedProtectedHeader;
        Header = header;
        UnprotectedHeader = unprotectedHeader;
        Signature = signature;
        EncodedSignature = encodedSignature;
    }

    /// <summary>The <c>protected</c> part exactly as received (base64url): it is part of the signing input.</summary>
    public string EncodedProtectedHeader { get; }

    /// <summary>The JOSE header: protected and unprotected members.</summary>
    public JoseHeader Header { get; }

    /// <summary>The unprotected <c>header</c> member of the JSON serializations, or null.</summary>
    public JsonElement? UnprotectedHeader { get; }

    /// <summary>The signature bytes (for ES256: R || S, RFC 7518 §3.4).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The signature as received (base64url).</summary>
    public string EncodedSignature { get; }
}
