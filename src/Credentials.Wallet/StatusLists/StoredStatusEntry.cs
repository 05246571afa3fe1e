namespace Credentials.Wallet.StatusLists;

/// <summary>A credential's entry as the issuer's store holds it: where it is, and its current status (§7.1 value).</summary>
/// <param name="Entry">The list and index the credential names in its <c>status.status_list</c>.</param>
/// <param name="Bits">Bits per entry of that list.</param>
/// <param name="Status">The current status value.</param>
public sealed record StoredStatusEntry(Credentials.Status.StatusListEntry Entry, int Bits, byte Status);
