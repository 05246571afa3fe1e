namespace Credentials.Host.Accounts;

/// <summary>
/// Endpoint metadata: the endpoint never asks who calls, so its requests are not authenticated at all. No API key is
/// looked up, no session cookie is read, and the OAuth server's and token validation's request handlers do not run:
/// on the verify API that work was about a tenth of each request's cost and answered nothing the endpoint uses. An
/// endpoint with this metadata must not require authorization (it would always be refused, never let in).
/// </summary>
internal sealed class NoCallerIdentity
{
    /// <summary>The one instance endpoints carry.</summary>
    public static NoCallerIdentity Instance { get; } = new();

    private NoCallerIdentity()
    {
    }
}
