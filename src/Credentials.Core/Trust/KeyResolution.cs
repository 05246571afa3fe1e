using Credentials.Model;

namespace Credentials.Trust;

/// <summary>How a lookup by (kid, country, officialID) ended (spec §5 step 4).</summary>
public enum KeyResolutionOutcome
{
    /// <summary>Exactly one issuer with exactly one certificate for that thumbprint.</summary>
    Resolved,

    /// <summary>No institution in the registry has a certificate with that thumbprint.</summary>
    KeyUnknown,

    /// <summary>The certificate is known, but the registry links it only to other institutions.</summary>
    NotLinkedToAuthenticSource,

    /// <summary>The registry lists the institution or the certificate more than once for this pair.</summary>
    Ambiguous,
}

/// <summary>What the registry answered for a key and an authentic source (spec §5 step 4).</summary>
/// <param name="Outcome">How the lookup ended; only <see cref="KeyResolutionOutcome.Resolved"/> lets a signature be checked.</param>
/// <param name="Issuer">The institution, when resolved.</param>
/// <param name="Certificate">The certificate to verify with, when resolved.</param>
/// <param name="LinkedInstitutions">The institutions the registry links the certificate to, when it is not the authentic source or is ambiguous: for the report, so an operator sees which link is missing.</param>
public sealed record KeyResolution(
    KeyResolutionOutcome Outcome,
    RegistryIssuer? Issuer = null,
    TrustedCertificate? Certificate = null,
    IReadOnlyList<InstitutionId>? LinkedInstitutions = null);
