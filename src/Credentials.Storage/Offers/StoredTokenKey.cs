namespace Credentials.Storage.Offers;

/// <summary>A token key as the store keeps it: its purpose (its name), its bytes as the host stored them and when it was stored.</summary>
/// <param name="Purpose">What the key is for, and which of its kind (e.g. a generation number after a prefix).</param>
/// <param name="Bytes">The stored bytes; the host stores them protected, never as a usable key.</param>
/// <param name="CreatedAt">When the first host stored it.</param>
public sealed record StoredTokenKey(string Purpose, byte[] Bytes, DateTimeOffset CreatedAt);
