using Credentials.Model;
using Credentials.Status;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// Where the issuer keeps its status lists: which index each credential holds, its status, and what was published.
/// Every write is one transaction, and implementations are safe to use from several threads and several processes
/// on one database: an index is never handed out twice, nor ever reused.
/// </summary>
public interface IStatusListStore
{
    /// <summary>
    /// Gives the credential a free random index in the institution's open list of the request's shape, opening the
    /// next list when none has room (a list is open until <see cref="StatusListShape.RolloverAt"/> entries are handed
    /// out). Throws <see cref="StatusListIssuanceException"/> when the credential already has an entry.
    /// </summary>
    StatusListEntry Allocate(StatusListAllocationRequest request);

    /// <summary>
    /// Changes a credential's status in one transaction: <paramref name="decide"/> gets the current entry and returns
    /// the new status (or throws to refuse, and nothing changes). A new value raises the list's version by one.
    /// False when the credential has no entry.
    /// </summary>
    bool ChangeStatus(InstitutionId institution, string credentialId, Func<StoredStatusEntry, byte> decide, DateTimeOffset at);

    /// <summary>The credential's entry, or null when it has none.</summary>
    StoredStatusEntry? Find(InstitutionId institution, string credentialId);

    /// <summary>Every list, of every institution.</summary>
    IReadOnlyList<StatusListRecord> Lists();

    /// <summary>A list and its non-valid entries at one version, or null when there is no list at that address.</summary>
    StatusListContent? Read(Uri list);

    /// <summary>Keeps a publication as the list's latest, unless a newer one (by version, then by <c>iat</c>) is already kept.</summary>
    void RecordPublication(StatusListPublication publication);

    /// <summary>The latest publication of a list, or null when it was never published.</summary>
    StatusListPublication? LatestPublication(Uri list);
}
