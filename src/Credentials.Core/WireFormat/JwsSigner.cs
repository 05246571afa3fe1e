using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Credentials.WireFormat;

/// <summary>
/// Signs ePRC payloads as compact JWS with a private key and its certificate. The algorithm follows the key:
/// EC P-256 signs ES256, RSA (2048 bits or more) signs RS256 (spec §2); the <c>kid</c> is the certificate's thumbprint.
/// </summary>
public sealed class JwsSigner
{
    private readonly SigningCredentials credentials;

    public JwsSigner(AsymmetricAlgorithm privateKey, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(certificate);
        Algorithm = ChooseAlgorithm(privateKey);
        Certificate = certificate;
        KeyId = EessiKeyId.FromCertificate(certificate);
        credentials = IdentityModelAdapter.CreateSigningCredentials(privateKey, Algorithm, KeyId);
    }

    public JwsAlgorithm Algorithm { get; }

    public EessiKeyId KeyId { get; }

    public X509Certificate2 Certificate { get; }

    /// <summary>Signs a UTF-8 JSON payload and returns the compact serialization.</summary>
    public string Sign(ReadOnlySpan<byte> payloadJson) => IdentityModelAdapter.CreateToken(Encoding.UTF8.GetString(payloadJson), credentials);

    private static JwsAlgorithm ChooseAlgorithm(AsymmetricAlgorithm key) => key switch
    {
        ECDsa ec when JwsAlgorithms.IsP256(ec) => JwsAlgorithm.ES256,
        ECDsa ec => throw new ArgumentException($"an EC key on a {ec.KeySize}-bit curve other than P-256 cannot sign an ePRC (ES256 needs P-256).", nameof(key)),
        RSA rsa when rsa.KeySize >= JwsAlgorithms.MinimumRsaKeySize => JwsAlgorithm.RS256,
        RSA rsa => throw new ArgumentException($"an RSA key of {rsa.KeySize} bits is too short: RS256 needs at least {JwsAlgorithms.MinimumRsaKeySize}.", nameof(key)),
        _ => throw new ArgumentException($"a {key.GetType().Name} key cannot sign an ePRC: use an EC P-256 or RSA key.", nameof(key)),
    };
}
