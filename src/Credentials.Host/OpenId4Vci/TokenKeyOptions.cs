using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using OpenIddict.Validation;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// OpenIddict's keys from the <see cref="TokenKeyRing"/>, resolved from the container (which has the data protection
/// the ring unprotects with): the server starts with the current signing key and the encryption key
/// (<see cref="TokenSigningHandler"/> picks the current signing key per token); the validation resolves the keys a
/// token may be signed with when it validates one, so a key another host rotated to is found.
/// </summary>
internal sealed class TokenKeyOptions(TokenKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>, IConfigureOptions<OpenIddictValidationOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.SigningCredentials.Add(ring.Signing());
        options.EncryptionCredentials.Add(new EncryptingCredentials(ring.Encryption(), SecurityAlgorithms.Aes256KW, SecurityAlgorithms.Aes256CbcHmacSha512));
    }

    public void Configure(OpenIddictValidationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, keyId, _) => ring.Validation(keyId);
    }
}
