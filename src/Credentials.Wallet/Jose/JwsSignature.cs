using System.Text.Json;

namespace Credentials.Wallet.Jose;

/// <summary>One signature of a JWS (RFC 7515 §7.2.1): its protected header as sent, the header, the signature bytes.</summary>
public sealed class JwsSignature
{
    // The encoded parts as ranges of the text received; each becomes a string only when asked for.
    private readonly ReadOnlyMemory<char> encodedProtectedHeader;
    private readonly ReadOnlyMemory<char> encodedSignature;
    private string? encodedProtectedHeaderText;
    private string? encodedSignatureText;

    internal JwsSignature(string encodedProtectedHeader, JoseHeader header, JsonElement? unprotectedHeader, byte[] signature, string encodedSignature)
        : this(encodedProtectedHeader.AsMemory(), header, unprotectedHeader, signature, encodedSignature.AsMemory())
    {
        encodedProtectedHeaderText = encodedProtectedHeader;
        encodedSignatureText = encodedSignature;
    }

    internal JwsSignature(ReadOnlyMemory<char> encodedProtectedHeader, JoseHeader header, JsonElement? unprotectedHeader, byte[] signature, ReadOnlyMemory<char> encodedSignature)
    {
        this.encodedProtectedHeader = encodedProtectedHeader;
        this.encodedSignature = encodedSignature;
        Header = header;
        UnprotectedHeader = unprotectedHeader;
        Signature = signature;
    }

    /// <summary>The <c>protected</c> part exactly as received (base64url): it is part of the signing input.</summary>
    public string EncodedProtectedHeader => encodedProtectedHeaderText ??= encodedProtectedHeader.ToString();

    /// <summary><see cref="EncodedProtectedHeader"/> without a copy.</summary>
    internal ReadOnlySpan<char> EncodedProtectedHeaderSpan => encodedProtectedHeader.Span;

    /// <summary>The JOSE header: protected and unprotected members.</summary>
    public JoseHeader Header { get; }

    /// <summary>The unprotected <c>header</c> member of the JSON serializations, or null.</summary>
    public JsonElement? UnprotectedHeader { get; }

    /// <summary>The signature bytes (for ES256: R || S, RFC 7518 §3.4).</summary>
    public ReadOnlyMemory<byte> Signature { get; }

    /// <summary>The signature as received (base64url).</summary>
    public string EncodedSignature => encodedSignatureText ??= encodedSignature.ToString();
}
