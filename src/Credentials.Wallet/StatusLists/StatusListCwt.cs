using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Security.Cryptography.X509Certificates;
using Credentials.Signing;
using Credentials.Status;
using Credentials.WireFormat;

namespace Credentials.Wallet.StatusLists;

/// <summary>The Status List Token as a CWT (draft-ietf-oauth-status-list-21 §5.2): a COSE_Sign1 (RFC 9052) written and read.</summary>
internal static class StatusListCwt
{
    /// <summary>RFC 9052 §2: the CBOR tag of COSE_Sign1_Tagged, whose first byte is 0xD2.</summary>
    private const byte CoseSign1Tag = 0xD2;

    private const int MaxChainLength = 10;

    // RFC 9052 §3.1 header labels; RFC 9596 §2 typ; RFC 9360 §2 x5chain.
    private static readonly CoseHeaderLabel Typ = new(16);
    private static readonly CoseHeaderLabel X5Chain = new(33);
    private static readonly CoseHeaderLabel Crit = new(2);

    // RFC 8392 §3.1 claim keys, and §5.2's own.
    private const int Sub = 2;
    private const int Exp = 4;
    private const int Nbf = 5;
    private const int Iat = 6;
    private const int StatusListClaim = 65533;
    private const int Ttl = 65534;

    // RFC 9053 §2.1 ES256; RFC 8812 §2 RS256.
    private const int CoseEs256 = -7;
    private const int CoseRs256 = -257;

    public static byte[] Sign(StatusListToken token, ICertificateSigner signer, string? keyId)
    {
        var protectedHeaders = new CoseHeaderMap
        {
            // §5.2: "16 (type): REQUIRED. The type of the CWT MUST be application/statuslist+cwt".
            [Typ] = CoseHeaderValue.FromString(StatusListTokenFormat.CwtMediaType),

            // RFC 9360 §2: x5chain is one bstr for a lone certificate, else an array of them, the signing one first.
            [X5Chain] = Chain(signer.CertificateChain),
        };
        var unprotectedHeaders = new CoseHeaderMap();
        if (keyId is not null)
        {
            unprotectedHeaders[CoseHeaderLabel.KeyIdentifier] = CoseHeaderValue.FromBytes(System.Text.Encoding.UTF8.GetBytes(keyId));
        }

        var coseSigner = signer.AsAsymmetricAlgorithm() switch
        {
            ECDsa ec => new CoseSigner(ec, HashAlgorithmName.SHA256, protectedHeaders, unprotectedHeaders),
            RSA rsa => new CoseSigner(rsa, RSASignaturePadding.Pkcs1, HashAlgorithmName.SHA256, protectedHeaders, unprotectedHeaders),
            _ => throw new ArgumentException("the signer's key is neither EC nor RSA.", nameof(signer)),
        };

        // §5.2: "MUST NOT be tagged with the CWT tag" (61); "MUST either be the tagged COSE_Sign1_Tagged (18)": the BCL's form.
        return CoseSign1Message.SignEmbedded(Claims(token), coseSigner);
    }

    /// <summary>The COSE_Sign1 and its algorithm, chain and kid, checked before any key is looked up.</summary>
    public static (CoseSign1Message Message, JwsAlgorithm Algorithm, IReadOnlyList<X509Certificate2> Chain, string? KeyId) ReadHeader(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.IsEmpty || bytes.Span[0] != CoseSign1Tag)
        {
            throw Malformed("it is not a COSE_Sign1_Tagged message (tag 18, §5.2)");
        }

        CoseSign1Message message;
        try
        {
            message = CoseMessage.DecodeSign1(bytes.Span);
        }
        catch (CryptographicException)
        {
            throw Malformed("it is not a COSE_Sign1 message (RFC 9052 §4.2)");
        }

        if (message.Content is null)
        {
            throw Malformed("its claims are detached from the COSE_Sign1 message");
        }

        // RFC 9052 §3.1: crit names headers we would have to understand; we understand none beyond these.
        if (message.ProtectedHeaders.ContainsKey(Crit))
        {
            throw Malformed("its protected header marks parameters critical (crit), which we do not understand");
        }

        var algorithm = ReadAlgorithm(message.ProtectedHeaders);
        if (!message.ProtectedHeaders.TryGetValue(Typ, out var typ) || !IsText(typ, StatusListTokenFormat.CwtMediaType))
        {
            throw Malformed($"its protected typ (16) is not {StatusListTokenFormat.CwtMediaType} (§5.2)");
        }

        return (message, algorithm, ReadChain(message), ReadKeyId(message));
    }

    /// <summary>§5.2: the claims, read once the signature has verified.</summary>
    public static StatusListToken ReadClaims(ReadOnlyMemory<byte> claims, int maxDecompressedBytes)
    {
        try
        {
            // RFC 8949 §5.6: Strict refuses a map that names a key twice.
            var reader = new CborReader(claims, CborConformanceMode.Strict);
            Uri? subject = null;
            DateTimeOffset? issuedAt = null, expiresAt = null, notBefore = null;
            TimeSpan? ttl = null;
            StatusList? list = null;
            var count = reader.ReadStartMap();
            for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
            {
                if (reader.PeekState() is not (CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger))
                {
                    // RFC 8392 §3: claim keys may also be text; none of ours is, and §5.2 allows other claims.
                    reader.SkipValue();
                    reader.SkipValue();
                    continue;
                }

                switch (reader.ReadInt64())
                {
                    case Sub:
                        subject = Uri.TryCreate(reader.ReadTextString(), UriKind.Absolute, out var uri) ? uri : throw Malformed("its sub (2) is not an absolute URI (§5.2)");
                        break;
                    case Iat:
                        issuedAt = ReadNumericDate(reader, "iat (6)");
                        break;
                    case Exp:
                        expiresAt = ReadNumericDate(reader, "exp (4)");
                        break;
                    case Nbf:
                        notBefore = ReadNumericDate(reader, "nbf (5)");
                        break;
                    case Ttl:
                        // §5.2: "Unsigned integer (major type 0) … MUST be a positive number."
                        var seconds = reader.PeekState() == CborReaderState.UnsignedInteger ? reader.ReadUInt64() : throw Malformed("its ttl (65534) is not an unsigned integer (§5.2)");
                        ttl = seconds > 0 ? StatusListTokenFormat.FromTtlSeconds(seconds) : throw Malformed("its ttl (65534) is not positive (§5.2)");
                        break;
                    case StatusListClaim:
                        list = ReadStatusList(reader, maxDecompressedBytes);
                        break;
                    default:
                        reader.SkipValue();
                        break;
                }
            }

            reader.ReadEndMap();
            if (reader.BytesRemaining != 0)
            {
                throw Malformed("bytes follow its claims map");
            }

            return new StatusListToken(
                subject ?? throw Malformed("its sub (2) is missing (§5.2)"),
                issuedAt ?? throw Malformed("its iat (6) is missing (§5.2)"),
                list ?? throw Malformed("its status list (65533) is missing (§5.2)"))
            {
                ExpiresAt = expiresAt is null || expiresAt > issuedAt ? expiresAt : throw Malformed("its exp (4) is not after its iat (6)"),
                NotBefore = notBefore,
                TimeToLive = ttl,
            };
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or FormatException)
        {
            throw Malformed("its claims are not a CBOR map of the claims of §5.2");
        }
    }

    /// <summary>Whether the signature verifies with <paramref name="key"/>, which must fit the header's algorithm.</summary>
    public static bool Verify(CoseSign1Message message, JwsAlgorithm algorithm, AsymmetricAlgorithm key)
    {
        var fits = (algorithm, key) switch
        {
            (JwsAlgorithm.ES256, ECDsa ec) => JwsAlgorithms.IsP256(ec),
            (JwsAlgorithm.RS256, RSA rsa) => rsa.KeySize >= JwsAlgorithms.MinimumRsaKeySize,
            _ => false,
        };
        try
        {
            // RFC 9052 §4.4: the signature covers ["Signature1", protected, external_aad (empty), payload].
            return fits && message.VerifyEmbedded(key);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    private static byte[] Claims(StatusListToken token)
    {
        // A definite-length map (RFC 8949 §4.2.1, preferred for deterministic encoding): sub, iat, status list, and
        // whichever of exp, nbf and ttl are present.
        var writer = new CborWriter(CborConformanceMode.Strict);
        writer.WriteStartMap(3 + (token.ExpiresAt is null ? 0 : 1) + (token.NotBefore is null ? 0 : 1) + (token.TimeToLive is null ? 0 : 1));
        writer.WriteInt32(Sub);
        writer.WriteTextString(token.Subject.OriginalString);
        writer.WriteInt32(Iat);
        writer.WriteInt64(token.IssuedAt.ToUnixTimeSeconds());
        if (token.ExpiresAt is { } exp)
        {
            writer.WriteInt32(Exp);
            writer.WriteInt64(exp.ToUnixTimeSeconds());
        }

        if (token.NotBefore is { } nbf)
        {
            writer.WriteInt32(Nbf);
            writer.WriteInt64(nbf.ToUnixTimeSeconds());
        }

        if (token.TimeToLive is { } ttl)
        {
            writer.WriteInt32(Ttl);
            writer.WriteInt64(StatusListTokenFormat.WholeSeconds(ttl));
        }

        // §4.3: the StatusList map, {"bits": uint, "lst": bstr (the zlib stream itself, not base64url)}.
        writer.WriteInt32(StatusListClaim);
        writer.WriteStartMap(2);
        writer.WriteTextString("bits");
        writer.WriteInt32(token.List.Bits);
        writer.WriteTextString("lst");
        writer.WriteByteString(token.List.Compress());
        writer.WriteEndMap();
        writer.WriteEndMap();
        return writer.Encode();
    }

    private static CoseHeaderValue Chain(IReadOnlyList<X509Certificate2> chain)
    {
        if (chain.Count == 1)
        {
            return CoseHeaderValue.FromBytes(chain[0].RawData);
        }

        var writer = new CborWriter();
        writer.WriteStartArray(chain.Count);
        foreach (var certificate in chain)
        {
            writer.WriteByteString(certificate.RawData);
        }

        writer.WriteEndArray();
        return CoseHeaderValue.FromEncodedValue(writer.Encode());
    }

    /// <summary>§4.3: one encoded CBOR StatusList map, nothing after it.</summary>
    internal static StatusList ReadStatusList(ReadOnlyMemory<byte> encoded, int maxDecompressedBytes)
    {
        try
        {
            var reader = new CborReader(encoded, CborConformanceMode.Strict);
            var list = ReadStatusList(reader, maxDecompressedBytes);
            return reader.BytesRemaining == 0 ? list : throw Malformed("bytes follow its status list map");
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or FormatException)
        {
            throw Malformed("its status list is not the CBOR map of §4.3");
        }
    }

    private static StatusList ReadStatusList(CborReader reader, int maxDecompressedBytes)
    {
        int? bits = null;
        byte[]? lst = null;
        var count = reader.ReadStartMap();
        for (var i = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : i < count; i++)
        {
            var key = reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : null;
            switch (key)
            {
                case "bits":
                    // §4.3: "CBOR Unsigned integer (major type 0)", 1, 2, 4 or 8.
                    bits = reader.PeekState() == CborReaderState.UnsignedInteger && reader.ReadUInt32() is var b && StatusList.IsAllowedBits((int)b)
                        ? (int)b
                        : throw Malformed("its status list bits is not 1, 2, 4 or 8 (§4.3)");
                    break;
                case "lst":
                    // §4.3: "CBOR Byte string (major type 2)"; it was bounded by the download, before it was read.
                    lst = reader.PeekState() == CborReaderState.ByteString ? reader.ReadByteString() : throw Malformed("its status list lst is not a byte string (§4.3)");
                    break;
                default:
                    // aggregation_uri (§9) and anything else a later revision adds: not needed to read a status.
                    if (key is null)
                    {
                        reader.SkipValue();
                    }

                    reader.SkipValue();
                    break;
            }
        }

        reader.ReadEndMap();
        return StatusList.Decompress(
            bits ?? throw Malformed("its status list bits is missing (§4.3)"),
            lst ?? throw Malformed("its status list lst is missing (§4.3)"),
            maxDecompressedBytes);
    }

    private static DateTimeOffset ReadNumericDate(CborReader reader, string name)
    {
        // RFC 8392 §2: NumericDate as in RFC 7519, an integer or a floating-point number of seconds, untagged.
        var seconds = reader.PeekState() switch
        {
            CborReaderState.UnsignedInteger or CborReaderState.NegativeInteger => reader.ReadInt64(),
            CborReaderState.HalfPrecisionFloat or CborReaderState.SinglePrecisionFloat or CborReaderState.DoublePrecisionFloat => reader.ReadDouble(),
            _ => throw Malformed($"its {name} is not a NumericDate (RFC 8392 §2)"),
        };
        return StatusListTokenFormat.TryFromNumericDate(seconds, out var instant) ? instant : throw Malformed($"its {name} is out of range");
    }

    private static JwsAlgorithm ReadAlgorithm(CoseHeaderMap protectedHeaders)
    {
        // RFC 9052 §3.1: alg belongs in the protected header; only ES256 and RS256 are on our allow-list.
        if (protectedHeaders.TryGetValue(CoseHeaderLabel.Algorithm, out var value))
        {
            var reader = new CborReader(value.EncodedValue);
            if (reader.PeekState() is CborReaderState.NegativeInteger or CborReaderState.UnsignedInteger)
            {
                switch (reader.ReadInt64())
                {
                    case CoseEs256:
                        return JwsAlgorithm.ES256;
                    case CoseRs256:
                        return JwsAlgorithm.RS256;
                }
            }
        }

        throw new StatusListFormatException(StatusUnknownCause.BadlySigned, "the status list token is not signed with an allowed algorithm (ES256 or RS256).");
    }

    private static X509Certificate2[] ReadChain(CoseSign1Message message)
    {
        // RFC 9360 §2: x5chain may sit in either bucket; the signature check later ties the leaf to the content.
        if (!message.ProtectedHeaders.TryGetValue(X5Chain, out var value) && !message.UnprotectedHeaders.TryGetValue(X5Chain, out value))
        {
            return [];
        }

        try
        {
            var reader = new CborReader(value.EncodedValue);
            if (reader.PeekState() == CborReaderState.ByteString)
            {
                return [X509CertificateLoader.LoadCertificate(reader.ReadByteString())];
            }

            var count = reader.ReadStartArray();
            if (count is null or 0 or > MaxChainLength)
            {
                throw Malformed($"its x5chain is not 1 to {MaxChainLength} certificates (RFC 9360 §2)");
            }

            var chain = new X509Certificate2[count.Value];
            for (var i = 0; i < chain.Length; i++)
            {
                chain[i] = X509CertificateLoader.LoadCertificate(reader.ReadByteString());
            }

            return chain;
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or CryptographicException)
        {
            throw Malformed("its x5chain is not DER certificates as byte strings (RFC 9360 §2)");
        }
    }

    private static string? ReadKeyId(CoseSign1Message message)
    {
        if (!message.ProtectedHeaders.TryGetValue(CoseHeaderLabel.KeyIdentifier, out var value) && !message.UnprotectedHeaders.TryGetValue(CoseHeaderLabel.KeyIdentifier, out value))
        {
            return null;
        }

        try
        {
            // RFC 9052 §3.1: kid is a bstr; as text when it is UTF-8, as base64url when it is not.
            var bytes = value.GetValueAsBytes();
            return System.Text.Unicode.Utf8.IsValid(bytes) ? System.Text.Encoding.UTF8.GetString(bytes) : System.Buffers.Text.Base64Url.EncodeToString(bytes);
        }
        catch (InvalidOperationException)
        {
            throw Malformed("its kid (4) is not a byte string (RFC 9052 §3.1)");
        }
    }

    private static bool IsText(CoseHeaderValue value, string expected)
    {
        try
        {
            return string.Equals(value.GetValueAsString(), expected, StringComparison.Ordinal);
        }
        catch (InvalidOperationException)
        {
            // A CoAP Content-Format number would be allowed too (§5.2), but none is assigned yet.
            return false;
        }
    }

    private static StatusListFormatException Malformed(string what) => new(StatusUnknownCause.Malformed, $"the status list token is malformed: {what}.");
}
