namespace Credentials.Host.Verify;

/// <summary>What a presentation's key binding must be for: this host's audience (its public base URL) and the nonce the client says it was given.</summary>
internal sealed record PresentationRequest(string Audience, string? Nonce);
