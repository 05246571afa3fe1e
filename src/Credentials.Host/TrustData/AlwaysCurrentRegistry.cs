using Credentials.Model;
using Credentials.Trust;

namespace Credentials.Host.TrustData;

/// <summary>
/// The test issuer's registry: made by this process at start, so it is current by definition; its age is always
/// zero (EC spec §5, "Offline": the age is the time since the data was last confirmed current by its source).
/// </summary>
internal sealed class AlwaysCurrentRegistry(TrustRegistry registry, TimeProvider time) : ITrustRegistry
{
    public TrustRegistry Registry => registry;

    public DateTimeOffset? AsOf => time.GetUtcNow();

    public KeyResolution Resolve(KeyReference key, InstitutionId institution) => registry.Resolve(key, institution);
}
