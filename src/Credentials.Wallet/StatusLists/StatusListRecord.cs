using Credentials.Model;

namespace Credentials.Wallet.StatusLists;

/// <summary>One of the issuer's lists, as the store keeps it: what it is, how full, and what was last published of it.</summary>
/// <param name="List">Its address: the tokens' <c>sub</c> and the credentials' <c>uri</c>.</param>
/// <param name="Institution">The institution it belongs to.</param>
/// <param name="Number">Its number among the institution's lists (1, 2, …).</param>
/// <param name="Shape">Bits per entry and capacity.</param>
/// <param name="Allocated">How many entries are handed out.</param>
/// <param name="Version">Goes up by one with every status change, so a publication can say which state it shows.</param>
/// <param name="PublishedVersion">The version last published, or null when it never was.</param>
/// <param name="PublishedExpiresAt">The <c>exp</c> of the last publication, or null when it never was.</param>
public sealed record StatusListRecord(
    Uri List,
    InstitutionId Institution,
    int Number,
    StatusListShape Shape,
    int Allocated,
    long Version,
    long? PublishedVersion,
    DateTimeOffset? PublishedExpiresAt);
