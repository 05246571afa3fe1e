namespace Credentials.Wallet.StatusLists;

/// <summary>
/// What a list of the issuer's is like: bits per entry and how many entries it holds. A list takes new credentials
/// until it is three quarters full (<see cref="RolloverAt"/>), so a random free index is always quick to find.
/// </summary>
/// <param name="Bits">Bits per entry (draft-ietf-oauth-status-list-21 §4.1): 1, 2, 4 or 8.</param>
/// <param name="Capacity">Entries in the list: a positive multiple of 8, so it fills whole bytes at any bit size (§13.4).</param>
public sealed record StatusListShape(int Bits, int Capacity)
{
    /// <summary>Bits per entry.</summary>
    public int Bits { get; } = StatusList.IsAllowedBits(Bits) ? Bits : throw new ArgumentOutOfRangeException(nameof(Bits), $"a status list has 1, 2, 4 or 8 bits per entry, not {Bits}.");

    /// <summary>Entries in the list.</summary>
    public int Capacity { get; } = Capacity > 0 && Capacity % 8 == 0 ? Capacity : throw new ArgumentOutOfRangeException(nameof(Capacity), $"a status list holds a positive multiple of 8 entries, not {Capacity}.");

    /// <summary>How many credentials the list takes before a new list is opened: three quarters of <see cref="Capacity"/>.</summary>
    public int RolloverAt => Capacity / 4 * 3;
}
