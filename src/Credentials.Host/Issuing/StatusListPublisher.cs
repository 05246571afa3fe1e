using Credentials.Storage.Issuance;
using Credentials.Wallet.StatusLists;

namespace Credentials.Host.Issuing;

/// <summary>
/// Re-signs the token status lists of the wallet credentials (draft-ietf-oauth-status-list §5) that are due: changed
/// since their last publication or near their <c>exp</c>, each with its institution's current key.
/// </summary>
internal sealed class StatusListPublisher(IssuingStore store, IStatusListStore statusLists, InstitutionSigners signers, TimeProvider time)
{
    private readonly Lock gate = new();

    /// <summary>Publishes every due list whose institution the host has a key for; returns how many.</summary>
    public int PublishDue()
    {
        lock (gate)
        {
            var published = 0;
            var institutions = statusLists.Lists().ToDictionary(l => l.List, l => l.Institution);
            foreach (var configuration in store.Documents.StatusConfigurations())
            {
                var issuer = new StatusListIssuer(statusLists, configuration.Options, time);
                var prefix = configuration.Options.BaseAddress.AbsoluteUri;
                foreach (var list in issuer.DueForPublication().Where(l => l.AbsoluteUri.StartsWith(prefix, StringComparison.Ordinal)))
                {
                    if (institutions.TryGetValue(list, out var institution) && signers.Current(institution) is { } signer)
                    {
                        issuer.Publish(list, signer);
                        published++;
                    }
                }
            }

            return published;
        }
    }
}
