using System.Text;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Tests.WireFormat;

/// <summary>RFC 9285 §4.3 and §6 examples, and the bounds on QR text.</summary>
public sealed class Base45CodecTests
{
    [Theory]
    [InlineData("AB", "BB8")]
    [InlineData("Hello!!", "%69 VD92EX0")]
    [InlineData("base-45", "UJCLQE7W581")]
    [InlineData("ietf!", "QED8WEX0")]
    public void The_RFC_examples_encode_and_decode(string data, string encoded)
    {
        Assert.Equal(encoded, Base45Codec.Encode(Encoding.ASCII.GetBytes(data)));
        Assert.Equal(data, Encoding.ASCII.GetString(Base45Codec.Decode(encoded)));
    }

    [Theory]
    [InlineData("GGW", "above 65535")]   // RFC 9285 §6: 65536 does not fit two bytes
    [InlineData("ZZZZZ", "above 65535")]
    [InlineData("BB8B", "single character")]
    [InlineData("bb8", "outside the Base45 alphabet")]
    [InlineData("BB8=", "outside the Base45 alphabet")]
    public void Invalid_Base45_is_refused_with_the_reason(string text, string reason)
    {
        var error = Assert.Throws<WireFormatException>(() => Base45Codec.Decode(text));
        Assert.Equal(FindingCode.NotBase45, error.Code);
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_longer_than_a_version_40_QR_code_is_refused()
    {
        Assert.Equal(FindingCode.QrTextTooLong, Assert.Throws<WireFormatException>(() => Base45Codec.Decode(new string('0', WireFormatLimits.MaxQrTextLength + 1))).Code);
        Assert.Equal(WireFormatLimits.MaxCompressedLength, Base45Codec.Decode(new string('0', WireFormatLimits.MaxQrTextLength)).Length);
    }
}
