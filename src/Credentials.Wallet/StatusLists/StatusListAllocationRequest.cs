using Credentials.Model;

namespace Credentials.Wallet.StatusLists;

/// <summary>What <see cref="IStatusListStore.Allocate"/> needs to give a credential its entry.</summary>
/// <param name="Institution">The institution whose lists the entry goes in.</param>
/// <param name="CredentialId">The credential's id (e.g. its <c>jti</c>): one entry per id, ever.</param>
/// <param name="Shape">The shape of list to allocate in; a list of another shape is never used.</param>
/// <param name="ListAddress">The address (the tokens' <c>sub</c>) of the institution's list with this number (1, 2, …), for a new list.</param>
/// <param name="RandomIndex">A uniformly random index in [0, n) from a CSPRNG, asked again until a free one comes.</param>
/// <param name="At">When the entry is allocated.</param>
public sealed record StatusListAllocationRequest(
    InstitutionId Institution,
    string CredentialId,
    StatusListShape Shape,
    Func<int, Uri> ListAddress,
    Func<int, int> RandomIndex,
    DateTimeOffset At);
