using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Credentials.WireFormat;

namespace Credentials.Tests.Support;

/// <summary>
/// Builds tokens the issuer would refuse to make: any header, any payload, signed with any key. The signatures
/// are made with the BCL directly, independently of the product's JOSE adapter.
/// </summary>
internal static class TokenForge
{
    public static string Header(string alg, string kid) => $$"""{"alg":"{{alg}}","kid":"{{kid}}","typ":"JWT"}""";

    public static string Sign(string headerJson, string payloadJson, AsymmetricAlgorithm key)
    {
        var signingInput = B64(Encoding.UTF8.GetBytes(headerJson)) + "." + B64(Encoding.UTF8.GetBytes(payloadJson));
        var data = Encoding.ASCII.GetBytes(signingInput);
        var signature = key switch
        {
            ECDsa ec => ec.SignData(data, HashAlgorithmName.SHA256),
            RSA rsa => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => throw new ArgumentException("unsupported key", nameof(key)),
        };
        return signingInput + "." + B64(signature);
    }

    public static string Unsigned(string headerJson, string payloadJson, byte[] signature) =>
        B64(Encoding.UTF8.GetBytes(headerJson)) + "." + B64(Encoding.UTF8.GetBytes(payloadJson)) + "." + B64(signature);

    public static string QrText(string token) => QrTextCodec.Encode(token);

    public static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
