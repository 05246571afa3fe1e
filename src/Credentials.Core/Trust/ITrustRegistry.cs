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

    /// <summary>When the trust data was last confirmed current by its source, when that is known (a resolver list carries no date).</summary>
    DateTimeOffset? AsOf { get; }

    /// <summary>When its source said it must be replaced (a signed snapshot's next update), when it said so.</summary>
    DateTimeOffset? NextUpdate => null;
}
