namespace Credentials.Verification;

/// <summary>What step 6 learns about a token id from the list at its <c>rid</c> (spec §5 step 6).</summary>
public enum RevocationStatus
{
    NotRevoked,
    Revoked,

    /// <summary>The list could not be had, was stale or badly signed: the token was not checked.</summary>
    Unavailable,
}

public sealed record RevocationCheck(RevocationStatus Status, string Reason);

/// <summary>Looks a token id up on the revocation list published at a URI.</summary>
public interface IRevocationChecker
{
    /// <summary>Checks <paramref name="tokenId"/> against the list at <paramref name="revocationList"/>, which must be issued by <paramref name="authenticSource"/>.</summary>
    RevocationCheck Check(string tokenId, Uri revocationList, Credentials.Model.InstitutionId authenticSource);
}

/// <summary>
/// The checker used when no revocation source is configured: every list is unavailable, so step 6 reports N/A
/// (never PASSED: an unchecked token must not read as checked).
/// </summary>
public sealed class NoRevocationSource : IRevocationChecker
{
    public static NoRevocationSource Instance { get; } = new();

    public RevocationCheck Check(string tokenId, Uri revocationList, Credentials.Model.InstitutionId authenticSource) =>
        new(RevocationStatus.Unavailable, "revocation list unavailable: this verifier has no revocation source configured.");
}
