using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text;
using System.Text.Json;
using Credentials.Signing;
using Credentials.Status;
using Credentials.Wallet.StatusLists;
using Credentials.WireFormat;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>Our own Status List Tokens (§5.1 JWT, §5.2 CWT): what we write, that it reads back, and what a reader refuses.</summary>
public sealed class StatusListTokenTests : IDisposable
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri Address = new("https://issuer.example/status/BE-0120/1");

    private readonly StatusListPki pki = new(IssuedAt.AddDays(-30));
    private readonly CertificateSigner es256;

    public StatusListTokenTests() => es256 = pki.IssueSigner("Status signer ES256");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Our_jwt_reads_back_with_every_claim_and_entry(bool rsa)
    {
        var signer = rsa ? pki.IssueSigner("Status signer RS256", rsa: true) : es256;
        var token = Token();
        var envelope = SignedStatusListToken.Parse(StatusListTokenFormat.SignJwt(token, signer, keyId: "list-key-1"));

        Assert.Equal(StatusListTokenFormat.JwtMediaType, envelope.MediaType);
        Assert.Equal(rsa ? JwsAlgorithm.RS256 : JwsAlgorithm.ES256, envelope.Algorithm);
        Assert.Equal("list-key-1", envelope.KeyId);
        AssertChainIsLeafThenIntermediate(envelope, signer);
        AssertSameToken(token, envelope.Verify(signer.PublicKey));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Our_cwt_reads_back_with_every_claim_and_entry(bool rsa)
    {
        var signer = rsa ? pki.IssueSigner("Status signer RS256", rsa: true) : es256;
        var token = Token();
        var envelope = SignedStatusListToken.Parse(StatusListTokenFormat.SignCwt(token, signer, keyId: "list-key-1"));

        Assert.Equal(StatusListTokenFormat.CwtMediaType, envelope.MediaType);
        Assert.Equal(rsa ? JwsAlgorithm.RS256 : JwsAlgorithm.ES256, envelope.Algorithm);
        Assert.Equal("list-key-1", envelope.KeyId);
        AssertChainIsLeafThenIntermediate(envelope, signer);
        AssertSameToken(token, envelope.Verify(signer.PublicKey));
    }

    [Fact]
    public void Our_jwt_header_and_claims_are_those_of_section_5_1()
    {
        var jwt = StatusListTokenFormat.SignJwt(Token(), es256);
        var parts = jwt.Split('.');
        using var header = JsonDocument.Parse(StatusListVectors.Base64Url(parts[0]));
        using var payload = JsonDocument.Parse(StatusListVectors.Base64Url(parts[1]));

        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        Assert.Equal("statuslist+jwt", header.RootElement.GetProperty("typ").GetString());
        Assert.False(header.RootElement.TryGetProperty("kid", out _));
        Assert.Equal(Convert.ToBase64String(es256.Certificate.RawData), header.RootElement.GetProperty("x5c")[0].GetString());

        var claims = payload.RootElement;
        Assert.Equal(Address.OriginalString, claims.GetProperty("sub").GetString());
        Assert.Equal(IssuedAt.ToUnixTimeSeconds(), claims.GetProperty("iat").GetInt64());
        Assert.Equal(IssuedAt.AddDays(1).ToUnixTimeSeconds(), claims.GetProperty("exp").GetInt64());
        Assert.Equal(3600, claims.GetProperty("ttl").GetInt64());
        Assert.Equal(2, claims.GetProperty("status_list").GetProperty("bits").GetInt32());
        Assert.StartsWith("eN", claims.GetProperty("status_list").GetProperty("lst").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Our_cwt_is_a_tagged_cose_sign1_with_the_headers_and_claims_of_section_5_2()
    {
        var cwt = StatusListTokenFormat.SignCwt(Token(), es256);
        Assert.Equal(0xD2, cwt[0]); // COSE_Sign1_Tagged, not wrapped in the CWT tag 61

        var message = CoseMessage.DecodeSign1(cwt);
        Assert.Equal("application/statuslist+cwt", message.ProtectedHeaders[new CoseHeaderLabel(16)].GetValueAsString());
        var chain = new CborReader(message.ProtectedHeaders[new CoseHeaderLabel(33)].EncodedValue);
        Assert.Equal(2, chain.ReadStartArray());
        Assert.Equal(es256.Certificate.RawData, chain.ReadByteString());
        Assert.Equal(pki.Intermediate.RawData, chain.ReadByteString());

        var claims = new CborReader(message.Content!.Value);
        var seen = new Dictionary<long, CborReaderState>();
        var count = claims.ReadStartMap()!.Value;
        for (var i = 0; i < count; i++)
        {
            var key = claims.ReadInt64();
            seen[key] = claims.PeekState();
            if (key == 65533)
            {
                Assert.Equal(2, claims.ReadStartMap());
                Assert.Equal("bits", claims.ReadTextString());
                Assert.Equal(2, claims.ReadInt32());
                Assert.Equal("lst", claims.ReadTextString());
                Assert.Equal(0x78, claims.ReadByteString()[0]); // the zlib stream itself, not base64url
                claims.ReadEndMap();
            }
            else
            {
                claims.SkipValue();
            }
        }

        Assert.Equal(CborReaderState.TextString, seen[2]);
        Assert.Equal(CborReaderState.UnsignedInteger, seen[6]);
        Assert.Equal(CborReaderState.UnsignedInteger, seen[4]);
        Assert.Equal(CborReaderState.UnsignedInteger, seen[65534]);
        Assert.Equal(CborReaderState.StartMap, seen[65533]);
    }

    [Fact]
    public void A_jwt_whose_payload_was_changed_is_badly_signed()
    {
        var parts = StatusListTokenFormat.SignJwt(Token(), es256).Split('.');
        var other = StatusListTokenFormat.SignJwt(new StatusListToken(Address, IssuedAt, new StatusList(2, 1024)), es256).Split('.');
        AssertRefused($"{parts[0]}.{other[1]}.{parts[2]}", StatusUnknownCause.BadlySigned, "does not verify");
    }

    [Fact]
    public void A_cwt_whose_claims_were_changed_is_badly_signed()
    {
        var message = CoseMessage.DecodeSign1(StatusListTokenFormat.SignCwt(Token(), es256));
        var forged = new CborWriter();
        forged.WriteTag((CborTag)18);
        forged.WriteStartArray(4);
        forged.WriteByteString(message.RawProtectedHeaders.Span);
        forged.WriteStartMap(0);
        forged.WriteEndMap();
        var content = message.Content!.Value.ToArray();
        content[^1] ^= 0x01;
        forged.WriteByteString(content);
        forged.WriteByteString(message.Signature.Span);
        forged.WriteEndArray();

        var error = Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(forged.Encode()).Verify(es256.PublicKey));
        Assert.Equal(StatusUnknownCause.BadlySigned, error.Cause);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("HS256")]
    [InlineData("ES384")]
    [InlineData("es256")]
    public void A_jwt_not_signed_with_an_allowed_algorithm_is_badly_signed_before_any_key_is_used(string alg)
    {
        var header = $$"""{"alg":"{{alg}}","typ":"statuslist+jwt"}""";
        var payload = StatusListTokenFormat.SignJwt(Token(), es256).Split('.')[1];
        var unsigned = $"{B64(header)}.{payload}.{B64("x")}";
        var error = Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(unsigned));
        Assert.Equal(StatusUnknownCause.BadlySigned, error.Cause);
    }

    [Fact]
    public void A_jwt_with_an_empty_signature_is_badly_signed()
    {
        var parts = StatusListTokenFormat.SignJwt(Token(), es256).Split('.');
        AssertRefused($"{parts[0]}.{parts[1]}.", StatusUnknownCause.BadlySigned, "does not verify");
    }

    [Theory]
    [InlineData("""{"alg":"ES256"}""", "typ")]
    [InlineData("""{"alg":"ES256","typ":"JWT"}""", "typ")]
    [InlineData("""{"alg":"ES256","typ":"statuslist+jwt","crit":["exp"]}""", "crit")]
    [InlineData("""{"alg":"ES256","typ":"statuslist+jwt","alg":"ES256"}""", "twice")]
    [InlineData("""{"alg":"ES256","typ":"statuslist+jwt","x5c":"MIIB"}""", "x5c")]
    [InlineData("""{"alg":"ES256","typ":"statuslist+jwt","x5c":["AAAA"]}""", "x5c")]
    [InlineData("""[1]""", "object")]
    public void A_jwt_header_outside_section_5_1_is_malformed(string header, string named)
    {
        AssertRefused(Sign(header, """{"sub":"https://issuer.example/status/BE-0120/1","iat":1,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}"""), StatusUnknownCause.Malformed, named);
    }

    [Fact]
    public void The_media_type_form_of_typ_is_accepted()
    {
        var jwt = Sign("""{"alg":"ES256","typ":"application/statuslist+jwt"}""", """{"sub":"https://issuer.example/status/BE-0120/1","iat":1686920170,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""");
        Assert.Equal(16, SignedStatusListToken.Parse(jwt).Verify(es256.PublicKey).List.Count);
    }

    [Theory]
    [InlineData("""{"iat":1,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", "sub")]
    [InlineData("""{"sub":"statuslists/1","iat":1,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", "sub")]
    [InlineData("""{"sub":"https://a.example/1","status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", "iat")]
    [InlineData("""{"sub":"https://a.example/1","iat":"1","status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", "iat")]
    [InlineData("""{"sub":"https://a.example/1","iat":1}""", "status_list")]
    [InlineData("""{"sub":"https://a.example/1","iat":1,"status_list":{"bits":3,"lst":"eNrbuRgAAhcBXQ"}}""", "bits")]
    [InlineData("""{"sub":"https://a.example/1","iat":1,"status_list":{"bits":1}}""", "lst")]
    [InlineData("""{"sub":"https://a.example/1","iat":1,"ttl":0,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", "ttl")]
    [InlineData("""{"sub":"https://a.example/1","iat":1,"ttl":"60","status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", "ttl")]
    [InlineData("""{"sub":"https://a.example/1","iat":10,"exp":5,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", "exp")]
    [InlineData("""{"sub":"https://a.example/1","sub":"https://b.example/1","iat":1,"status_list":{"bits":1,"lst":"eNrbuRgAAhcBXQ"}}""", "twice")]
    public void Jwt_claims_outside_section_5_1_are_malformed(string payload, string named)
    {
        AssertRefused(Sign("""{"alg":"ES256","typ":"statuslist+jwt"}""", payload), StatusUnknownCause.Malformed, named);
    }

    [Fact]
    public void A_jwt_claims_check_happens_only_after_the_signature_verifies()
    {
        // Malformed claims under a bad signature: the answer is "badly signed", so nothing unverified was read.
        var parts = Sign("""{"alg":"ES256","typ":"statuslist+jwt"}""", """{"sub":5}""").Split('.');
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var error = Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(string.Join('.', parts)).Verify(other));
        Assert.Equal(StatusUnknownCause.BadlySigned, error.Cause);
    }

    [Fact]
    public void An_rsa_key_does_not_verify_an_es256_token()
    {
        var rsa = pki.IssueSigner("RSA signer", rsa: true);
        AssertRefused(StatusListTokenFormat.SignJwt(Token(), es256), StatusUnknownCause.BadlySigned, "does not verify", rsa.PublicKey);
        var cwt = StatusListTokenFormat.SignCwt(Token(), es256);
        Assert.Equal(StatusUnknownCause.BadlySigned, Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(cwt).Verify(rsa.PublicKey)).Cause);
    }

    [Fact]
    public void A_cwt_that_is_untagged_or_wrapped_in_the_cwt_tag_is_refused()
    {
        var cwt = StatusListTokenFormat.SignCwt(Token(), es256);

        // Untagged: the bare array (0x84) is read as text, and is not a JWT.
        Assert.Equal(StatusUnknownCause.Malformed, Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(cwt.AsMemory(1))).Cause);

        // §5.2: "MUST NOT be tagged with the CWT tag" (61 = 0xD8 0x3D).
        Assert.Equal(StatusUnknownCause.Malformed, Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse((byte[])[0xD8, 0x3D, .. cwt])).Cause);
    }

    [Fact]
    public void A_cwt_with_another_typ_is_refused()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var headers = new CoseHeaderMap { [new CoseHeaderLabel(16)] = CoseHeaderValue.FromString("application/cwt") };
        var cwt = CoseSign1Message.SignEmbedded([0xA0], new CoseSigner(key, HashAlgorithmName.SHA256, headers));
        var error = Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(cwt));
        Assert.Contains("typ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cwt_signed_with_an_algorithm_off_the_list_is_badly_signed()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        var headers = new CoseHeaderMap { [new CoseHeaderLabel(16)] = CoseHeaderValue.FromString(StatusListTokenFormat.CwtMediaType) };
        var cwt = CoseSign1Message.SignEmbedded([0xA0], new CoseSigner(key, HashAlgorithmName.SHA384, headers));
        Assert.Equal(StatusUnknownCause.BadlySigned, Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(cwt)).Cause);
    }

    [Fact]
    public void Cwt_claims_that_name_a_claim_twice_are_malformed()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var claims = new CborWriter(CborConformanceMode.Lax);
        claims.WriteStartMap(2);
        claims.WriteInt32(2);
        claims.WriteTextString("https://a.example/1");
        claims.WriteInt32(2);
        claims.WriteTextString("https://b.example/1");
        claims.WriteEndMap();
        var headers = new CoseHeaderMap { [new CoseHeaderLabel(16)] = CoseHeaderValue.FromString(StatusListTokenFormat.CwtMediaType) };
        var cwt = CoseSign1Message.SignEmbedded(claims.Encode(), new CoseSigner(key, HashAlgorithmName.SHA256, headers));
        var error = Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(cwt).Verify(key));
        Assert.Equal(StatusUnknownCause.Malformed, error.Cause);
    }

    [Fact]
    public void Garbage_is_malformed_with_a_one_line_message()
    {
        foreach (var body in new[] { ""u8.ToArray(), "hello"u8.ToArray(), [0xFF, 0xFE, 0x00], [0xD2, 0x00] })
        {
            var error = Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(body));
            Assert.Equal(StatusUnknownCause.Malformed, error.Cause);
            Assert.DoesNotContain("\n", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain("(Parameter", error.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_served_jwt_with_a_final_newline_is_read()
    {
        var jwt = StatusListTokenFormat.SignJwt(Token(), es256) + "\n";
        Assert.Equal(Address, SignedStatusListToken.Parse(Encoding.ASCII.GetBytes(jwt)).Verify(es256.PublicKey).Subject);
    }

    public void Dispose() => pki.Dispose();

    private static StatusListToken Token()
    {
        var list = new StatusList(2, 1 << 17);
        list.Set(0, StatusTypes.Invalid);
        list.Set(77_777, StatusTypes.Suspended);
        list.Set((1 << 17) - 1, StatusTypes.ApplicationSpecific);
        return new StatusListToken(Address, IssuedAt, list) { ExpiresAt = IssuedAt.AddDays(1), TimeToLive = TimeSpan.FromHours(1) };
    }

    private static void AssertSameToken(StatusListToken expected, StatusListToken actual)
    {
        Assert.Equal(expected.Subject.OriginalString, actual.Subject.OriginalString);
        Assert.Equal(expected.IssuedAt, actual.IssuedAt);
        Assert.Equal(expected.ExpiresAt, actual.ExpiresAt);
        Assert.Equal(expected.TimeToLive, actual.TimeToLive);
        Assert.Equal(expected.List.Bits, actual.List.Bits);
        Assert.Equal(expected.List.Count, actual.List.Count);
        Assert.True(expected.List.Bytes.SequenceEqual(actual.List.Bytes));
        Assert.Equal(StatusTypes.Suspended, actual.List.Get(77_777));
    }

    private void AssertChainIsLeafThenIntermediate(SignedStatusListToken envelope, CertificateSigner signer)
    {
        // RFC 7515 §4.1.6 / RFC 9360 §2: the signing certificate first; the root is never carried.
        Assert.Equal(2, envelope.CertificateChain.Count);
        Assert.Equal(signer.Certificate.RawData, envelope.CertificateChain[0].RawData);
        Assert.Equal(pki.Intermediate.RawData, envelope.CertificateChain[1].RawData);
        Assert.DoesNotContain(envelope.CertificateChain, c => c.RawData.AsSpan().SequenceEqual(pki.Root.RawData));
    }

    private string Sign(string header, string payload) => CompactJws.Sign(Encoding.UTF8.GetBytes(header), Encoding.UTF8.GetBytes(payload), es256);

    private void AssertRefused(string jwt, StatusUnknownCause cause, string named, System.Security.Cryptography.AsymmetricAlgorithm? key = null)
    {
        var error = Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(jwt).Verify(key ?? es256.PublicKey));
        Assert.Equal(cause, error.Cause);
        Assert.Contains(named, error.Message, StringComparison.Ordinal);
    }

    private static string B64(string text) => System.Buffers.Text.Base64Url.EncodeToString(Encoding.UTF8.GetBytes(text));
}
