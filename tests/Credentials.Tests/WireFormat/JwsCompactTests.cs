using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Tests.WireFormat;

public sealed class JwsCompactTests
{
    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData(".eyJ9.c2ln")]
    [InlineData("eyJ9..c2ln")]
    [InlineData("eyJ9.eyJ9.")]
    [InlineData("eyJ9.eyJ9.c2ln=")]
    [InlineData("eyJ9.eyJ9.c2l+")]
    public void Malformed_compact_serializations_are_not_a_JWS(string text) =>
        Assert.Equal(FindingCode.NotJws, Assert.Throws<WireFormatException>(() => JwsCompact.Parse(text)).Code);

    [Fact]
    public void A_header_that_is_not_a_JSON_object_is_reported_as_such()
    {
        var token = Support.TokenForge.B64("[1]"u8.ToArray()) + "." + Support.TokenForge.B64("{}"u8.ToArray()) + ".c2ln";
        Assert.Equal(FindingCode.HeaderNotJson, Assert.Throws<WireFormatException>(() => JwsCompact.Parse(token)).Code);
    }

    [Fact]
    public void A_payload_with_invalid_UTF8_is_not_JSON()
    {
        var token = Support.TokenForge.B64("{}"u8.ToArray()) + "." + Support.TokenForge.B64([0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D]) + ".c2ln";
        Assert.Equal(FindingCode.PayloadNotJson, Assert.Throws<WireFormatException>(() => JwsCompact.Parse(token)).Code);
    }

    [Theory]
    [InlineData("[1]")]
    [InlineData("\"text\"")]
    [InlineData("42")]
    [InlineData(" ")]
    [InlineData("{\"a\":1")]
    [InlineData("{\"a\":1} {}")]
    [InlineData("{\"a\":1}x")]
    [InlineData("{\"a\":[[[[[1]]]]]}")]
    public void A_payload_that_is_not_one_JSON_object_within_the_depth_limit_is_refused(string payload)
    {
        var token = Support.TokenForge.B64("{}"u8.ToArray()) + "." + Support.TokenForge.B64(System.Text.Encoding.UTF8.GetBytes(payload)) + ".c2ln";
        Assert.Equal(FindingCode.PayloadNotJson, Assert.Throws<WireFormatException>(() => JwsCompact.Parse(token)).Code);
    }

    [Fact]
    public void The_payload_document_is_parsed_on_demand_and_holds_the_payload()
    {
        var token = Support.TokenForge.B64("{}"u8.ToArray()) + "." + Support.TokenForge.B64("{\"sid\":\"eessi:prc:1.0\"}"u8.ToArray()) + ".c2ln";
        using var jws = JwsCompact.Parse(token);
        Assert.Equal("eessi:prc:1.0", jws.Payload.RootElement.GetProperty("sid").GetString());
    }

    [Fact]
    public void The_signing_input_is_the_text_before_the_second_dot()
    {
        using var jws = JwsCompact.Parse("eyJ9.eyJ9.c2ln".Replace("eyJ9", Support.TokenForge.B64("{}"u8.ToArray()), StringComparison.Ordinal));
        var buffer = new byte[64];
        var length = jws.WriteSigningInput(buffer);
        Assert.Equal("e30.e30", System.Text.Encoding.ASCII.GetString(buffer, 0, length));
        Assert.Equal("sig"u8.ToArray(), jws.Signature);
    }
}
