namespace Credentials.Host.OpenId4Vci;

/// <summary>What asking for an offer came to.</summary>
internal abstract record OfferCreation
{
    private OfferCreation()
    {
    }

    /// <summary>The offer was recorded.</summary>
    public sealed record Created(OfferSecrets Secrets, CredentialOffer Offer) : OfferCreation;

    /// <summary>No offer: the HTTP status, the problem's stable code and a one-line reason.</summary>
    public sealed record Refused(int Status, string Code, string Reason) : OfferCreation;
}
