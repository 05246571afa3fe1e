using Credentials.Host.Publishing;
using OpenIddict.Server;
using Microsoft.AspNetCore;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// Makes OpenIddict's issuer the host's identifier exactly (<see cref="PublicAddress.Identifier"/>): OpenIddict writes
/// its issuer (the metadata's <c>issuer</c>, the tokens' <c>iss</c>) as <see cref="Uri.AbsoluteUri"/>, which ends an
/// address without a path with '/', while the credential issuer identifier has none (OpenID4VCI 1.0 §12.2.1). The
/// issuer is its own authorization server, so RFC 8414 §3.3 wants both strings identical. Runs after OpenIddict
/// matched the request to an endpoint (which it does with the request's own base address).
/// </summary>
internal sealed class IssuerIdentifierHandler : IOpenIddictServerHandler<OpenIddictServerEvents.ProcessRequestContext>
{
    /// <summary>Right after the endpoint was recognised, before any endpoint's handlers read the issuer.</summary>
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } = OpenIddictServerHandlerDescriptor.CreateBuilder<OpenIddictServerEvents.ProcessRequestContext>()
        .UseSingletonHandler<IssuerIdentifierHandler>()
        .SetOrder(OpenIddictServerHandlers.InferEndpointType.Descriptor.Order + 1)
        .SetType(OpenIddictServerHandlerType.Custom)
        .Build();

    /// <summary>The identifier as a <see cref="Uri"/> kept as written: no '/' added to an address without a path.</summary>
    public static Uri AsUri(string identifier) => new(identifier, new UriCreationOptions { DangerousDisablePathAndQueryCanonicalization = true });

    public ValueTask HandleAsync(OpenIddictServerEvents.ProcessRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Transaction.GetHttpRequest()?.HttpContext is { } http && http.RequestServices.GetService(typeof(PublicAddress)) is PublicAddress address)
        {
            context.BaseUri = AsUri(address.Identifier(http));
        }

        return default;
    }
}
