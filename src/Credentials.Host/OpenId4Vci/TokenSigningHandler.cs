using OpenIddict.Server;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// Signs each token OpenIddict generates with the ring's current key, not the key the server options held at start:
/// after a rotation every host signs with the new generation without a restart.
/// </summary>
internal sealed class TokenSigningHandler(TokenKeyRing ring) : IOpenIddictServerHandler<OpenIddictServerEvents.GenerateTokenContext>
{
    /// <summary>Right after OpenIddict chose its credentials, before the token is made.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.GenerateTokenContext>()
        .UseSingletonHandler<TokenSigningHandler>()
        .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    public ValueTask HandleAsync(OpenIddictServerEvents.GenerateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.SigningCredentials = ring.Signing();
        return default;
    }
}
