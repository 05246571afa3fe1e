namespace Credentials.Storage.Accounts;

/// <summary>A key just created or rotated, with its text: the only time the text exists outside its holder.</summary>
/// <param name="Key">The key as stored.</param>
/// <param name="Secret">The whole key to hand over (<c>crk_…</c>): shown once, never stored, never logged.</param>
public sealed record IssuedApiKey(ApiKey Key, string Secret)
{
    /// <summary>The record without the secret, so that printing it shows none.</summary>
    public override string ToString() => $"API key {Key.Id} ({Key.Name})";
}
