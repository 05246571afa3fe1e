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

    // Whole seconds, so the age a report states is never below zero (a report's time is read after this one).
    public DateTimeOffset? AsOf => DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());

    public KeyResolution Resolve(KeyReference key, InstitutionId institution) => registry.Resolve(key, institution);
}
