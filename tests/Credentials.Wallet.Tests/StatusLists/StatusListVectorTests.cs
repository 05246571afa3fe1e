using System.Security.Cryptography;
using System.Security.Cryptography.Cose;
using System.Text.Json;
using Credentials.Status;
using Credentials.Wallet.StatusLists;

namespace Credentials.Wallet.Tests.StatusLists;

/// <summary>
/// Every example of draft-ietf-oauth-status-list (specs/vectors/status-list; source, commit and licence in its
/// README): §11.1 asks implementations to check their bit arithmetic against exactly these.
/// </summary>
public sealed class StatusListVectorTests
{
    public static TheoryData<string> ShortLists => new() { "status-list-1bit-16-entries.json", "status-list-2bit-12-entries.json" };

    public static TheoryData<string> LargeLists => new()
    {
        "status-list-1bit-2pow20-entries.json",
        "status-list-2bit-2pow20-entries.json",
        "status-list-4bit-2pow20-entries.json",
        "status-list-8bit-2pow20-entries.json",
    };

    [Theory]
    [MemberData(nameof(ShortLists))]
    public void The_short_examples_decode_to_the_statuses_the_draft_states_in_both_forms(string file)
    {
        var vector = StatusListVectors.Read(file);
        var expected = vector.GetProperty("expected_statuses").EnumerateArray().Select(e => e.GetByte()).ToArray();
        var fromJson = StatusListJwt.ReadStatusList(vector.GetProperty("json"), StatusList.DefaultMaxDecompressedBytes);
        var fromCbor = StatusListCwt.ReadStatusList(Convert.FromHexString(vector.GetProperty("cbor_hex").GetString()!), StatusList.DefaultMaxDecompressedBytes);

        foreach (var list in new[] { fromJson, fromCbor })
        {
            Assert.Equal(vector.GetProperty("bits").GetInt32(), list.Bits);
            Assert.Equal(vector.GetProperty("entry_count").GetInt32(), list.Count);
            Assert.Equal(vector.GetProperty("decompressed_hex").GetString(), Convert.ToHexStringLower(list.Bytes));
            Assert.Equal(expected, Enumerable.Range(0, expected.Length).Select(i => list.Get(i)).ToArray());
        }
    }

    [Theory]
    [MemberData(nameof(LargeLists))]
    public void The_2pow20_test_vectors_decode_to_every_stated_status_in_both_forms(string file)
    {
        var vector = StatusListVectors.Read(file);
        var expected = StatusListVectors.NonZeroStatuses(vector);
        var fromJson = StatusListJwt.ReadStatusList(vector.GetProperty("json"), StatusList.DefaultMaxDecompressedBytes);
        var fromCbor = StatusListCwt.ReadStatusList(Convert.FromHexString(vector.GetProperty("cbor_hex").GetString()!), StatusList.DefaultMaxDecompressedBytes);

        Assert.True(fromJson.Bytes.SequenceEqual(fromCbor.Bytes));
        Assert.Equal(vector.GetProperty("decompressed_length_bytes").GetInt32(), fromJson.Bytes.Length);
        Assert.Equal(1 << 20, fromJson.Count);
        var nonZero = new Dictionary<long, byte>();
        for (long i = 0; i < fromJson.Count; i++)
        {
            if (fromJson.Get(i) is var status and not 0)
            {
                nonZero[i] = status;
            }
        }

        Assert.Equal(expected.OrderBy(e => e.Key), nonZero.OrderBy(e => e.Key));
        if (vector.TryGetProperty("expected_statuses_stated_in_draft", out var stated))
        {
            foreach (var entry in stated.EnumerateObject())
            {
                Assert.Equal(entry.Value.GetByte(), fromJson.Get(long.Parse(entry.Name, System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
    }

    [Theory]
    [MemberData(nameof(LargeLists))]
    public void Our_encoding_of_a_vector_list_inflates_to_the_same_bytes(string file)
    {
        // The README's rule: another zlib writes other (equally valid) bytes, so our output is compared inflated.
        var vector = StatusListVectors.Read(file);
        var list = StatusListJwt.ReadStatusList(vector.GetProperty("json"), StatusList.DefaultMaxDecompressedBytes);
        var again = StatusList.FromLst(list.Bits, list.ToLst());
        Assert.True(list.Bytes.SequenceEqual(again.Bytes));
    }

    [Fact]
    public void The_example_jwt_verifies_with_the_published_key_and_reads_as_stated()
    {
        var vector = StatusListVectors.Read("status-list-token-jwt.json");
        var envelope = SignedStatusListToken.Parse(vector.GetProperty("token").GetString()!);
        Assert.Equal(StatusListTokenFormat.JwtMediaType, envelope.MediaType);
        Assert.Equal("12", envelope.KeyId);
        Assert.Empty(envelope.CertificateChain);

        using var key = StatusListVectors.ExampleKey();
        var token = envelope.Verify(key);
        AssertExampleToken(vector.GetProperty("expected"), token);
        Assert.Equal(TimeSpan.FromSeconds(vector.GetProperty("expected").GetProperty("ttl_seconds").GetInt32()), token.TimeToLive);
    }

    [Fact]
    public void The_example_jwt_does_not_verify_with_another_key()
    {
        var vector = StatusListVectors.Read("status-list-token-jwt.json");
        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var error = Assert.Throws<StatusListFormatException>(() => SignedStatusListToken.Parse(vector.GetProperty("token").GetString()!).Verify(other));
        Assert.Equal(StatusUnknownCause.BadlySigned, error.Cause);
    }

    [Fact]
    public void The_example_cwt_verifies_with_the_published_key_and_reads_as_stated()
    {
        var vector = StatusListVectors.Read("status-list-token-cwt.json");
        var envelope = SignedStatusListToken.Parse(Convert.FromHexString(vector.GetProperty("cwt_hex").GetString()!));
        Assert.Equal(StatusListTokenFormat.CwtMediaType, envelope.MediaType);
        Assert.Equal("12", envelope.KeyId);

        using var key = StatusListVectors.ExampleKey();
        var token = envelope.Verify(key);
        AssertExampleToken(vector.GetProperty("expected"), token);
        Assert.Equal(TimeSpan.FromSeconds(43200), token.TimeToLive);

        using var other = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.Equal(StatusUnknownCause.BadlySigned, Assert.Throws<StatusListFormatException>(() => envelope.Verify(other)).Cause);
    }

    [Fact]
    public void The_referenced_sd_jwt_names_index_0_of_the_example_list_which_says_revoked()
    {
        var vector = StatusListVectors.Read("referenced-token-sd-jwt.json");
        var issuerSigned = vector.GetProperty("sd_jwt").GetString()!.Split('~')[0];
        using var payload = JsonDocument.Parse(StatusListVectors.Base64Url(issuerSigned.Split('.')[1]));
        var reference = ReferencedTokenStatus.FromJson(payload.RootElement.GetProperty("status"));

        var expected = vector.GetProperty("expected").GetProperty("status_reference");
        Assert.NotNull(reference);
        Assert.Equal(expected.GetProperty("uri").GetString(), reference.List.OriginalString);
        Assert.Equal(expected.GetProperty("idx").GetInt64(), reference.Index);

        // End to end (README): the list at that uri has sub = uri and status[0] = 1, INVALID.
        using var key = StatusListVectors.ExampleKey();
        var list = SignedStatusListToken.Parse(StatusListVectors.Read("status-list-token-jwt.json").GetProperty("token").GetString()!).Verify(key);
        Assert.Equal(reference.List.OriginalString, list.Subject.OriginalString);
        Assert.Equal(StatusTypes.Invalid, list.List.Get(reference.Index));
    }

    [Fact]
    public void The_referenced_cwt_verifies_and_its_status_claim_names_index_0_of_the_example_list()
    {
        var vector = StatusListVectors.Read("referenced-token-cwt.json");
        var message = CoseMessage.DecodeSign1(Convert.FromHexString(vector.GetProperty("cwt_hex").GetString()!));
        using var key = StatusListVectors.ExampleKey();
        Assert.True(message.VerifyEmbedded(key));

        // Claim 65535 (status) holds the Status map of §6.3.
        var reader = new System.Formats.Cbor.CborReader(message.Content!.Value);
        StatusListEntry? reference = null;
        var count = reader.ReadStartMap()!.Value;
        for (var i = 0; i < count; i++)
        {
            var claim = reader.ReadInt64();
            if (claim == 65535)
            {
                reference = ReferencedTokenStatus.FromCbor(reader.ReadEncodedValue());
            }
            else
            {
                reader.SkipValue();
            }
        }

        Assert.NotNull(reference);
        Assert.Equal("https://example.com/statuslists/1", reference.List.OriginalString);
        Assert.Equal(0, reference.Index);
    }

    [Fact]
    public void An_index_past_the_example_list_is_outside_it_never_valid()
    {
        using var key = StatusListVectors.ExampleKey();
        var list = SignedStatusListToken.Parse(StatusListVectors.Read("status-list-token-jwt.json").GetProperty("token").GetString()!).Verify(key).List;
        Assert.Equal(16, list.Count);
        Assert.Throws<ArgumentOutOfRangeException>(() => list.Get(16));
    }

    private static void AssertExampleToken(JsonElement expected, StatusListToken token)
    {
        Assert.Equal("https://example.com/statuslists/1", token.Subject.OriginalString);
        Assert.Equal(DateTimeOffset.Parse(expected.GetProperty("iat_utc").GetString()!, System.Globalization.CultureInfo.InvariantCulture), token.IssuedAt);
        Assert.Equal(DateTimeOffset.Parse(expected.GetProperty("exp_utc").GetString()!, System.Globalization.CultureInfo.InvariantCulture), token.ExpiresAt);
        Assert.Equal(1, token.List.Bits);
        var statuses = expected.GetProperty("decoded_statuses").EnumerateArray().Select(e => e.GetByte()).ToArray();
        Assert.Equal(statuses, Enumerable.Range(0, 16).Select(i => token.List.Get(i)).ToArray());
    }
}
