namespace Credentials.Wallet.StatusLists;

/// <summary>A list's state at one version, read in one transaction: what a publication is built from.</summary>
/// <param name="Record">The list.</param>
/// <param name="Statuses">Every entry whose status is not 0x00 (VALID), by index; every other index is VALID.</param>
public sealed record StatusListContent(StatusListRecord Record, IReadOnlyDictionary<int, byte> Statuses);
