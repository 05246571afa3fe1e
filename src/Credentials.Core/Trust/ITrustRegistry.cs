using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>What the verifier asks of a trust registry (spec §5 step 4, "Resolver").</summary>
public interface ITrustRegistry
{
    /// <summary>Looks up the certificate named by <paramref name="key"/> that the registry links to the institution.</summary>
    KeyResolution Resolve(KeyReference key, InstitutionId institution);

    /// <summary>Looks up the certificate with the kid's thumbprint that the registry links to the institution.</summary>
    KeyResolution Resolve(EessiKeyId keyId, InstitutionId institution) => Resolve(KeyReference.FromKeyId(keyId), institution);

    /// <summary>When the trust data was last brought up to date from its source, when that is known.</summary>
    DateTimeOffset? AsOf { get; }
}
