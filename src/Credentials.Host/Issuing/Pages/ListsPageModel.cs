namespace Credentials.Host.Issuing.Pages;

/// <summary>What the lists page shows: the signing keys, the registry and every list this host serves.</summary>
public sealed record ListsPageModel
{
    public required IssuingLabels Labels { get; init; }

    /// <summary>Each signing key: institution, certificate subject, from when it signs, whether it signs now.</summary>
    public required IReadOnlyList<(string Institution, string Certificate, string From, bool Current)> Keys { get; init; }

    /// <summary>How many institutions the trust registry lists.</summary>
    public required int RegistryIssuers { get; init; }

    /// <summary>Each revocation list the host signs: institution, address, next update (null before the first), entries.</summary>
    public required IReadOnlyList<(string Institution, string Address, DateTimeOffset? NextUpdate, int Entries)> RevocationLists { get; init; }

    /// <summary>Each token status list: institution, address, version, published until (null before the first publication).</summary>
    public required IReadOnlyList<(string Institution, string Address, long Version, DateTimeOffset? PublishedUntil)> StatusLists { get; init; }

    /// <summary>Whether the host signs as the generated test issuer.</summary>
    public bool TestIssuer { get; init; }
}
