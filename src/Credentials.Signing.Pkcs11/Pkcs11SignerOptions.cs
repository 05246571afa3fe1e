using System.Text;

namespace Credentials.Signing.Pkcs11;

/// <summary>
/// Where the key is and how to reach it: what <see cref="Pkcs11Signer.Open(Pkcs11SignerOptions)"/> needs. Its text
/// form (<see cref="object.ToString"/>) leaves the PIN out.
/// </summary>
public sealed record Pkcs11SignerOptions
{
    /// <summary>The most sessions one signer may open at once, whatever <see cref="MaxSessions"/> says.</summary>
    public const int SessionLimit = 256;

    /// <summary>The PKCS#11 library (module) file of the token's vendor, e.g. SoftHSM2's <c>libsofthsm2.so</c>.</summary>
    public required string ModulePath { get; init; }

    /// <summary>The token's label (<c>CK_TOKEN_INFO.label</c>, without its padding).</summary>
    public required string TokenLabel { get; init; }

    /// <summary>The private key's label (<c>CKA_LABEL</c>).</summary>
    public required string KeyLabel { get; init; }

    /// <summary>
    /// The private key's id (<c>CKA_ID</c>) in hexadecimal, as <c>pkcs11-tool</c> and <c>p11tool</c> show it; optional.
    /// Needed only when several keys share the label. The public key and certificate are then matched by this id too.
    /// </summary>
    public string? KeyId { get; init; }

    /// <summary>
    /// The token's user PIN. It is kept, as bytes cleared when the signer is disposed, so the signer can log in again
    /// if the token forgets the login (PKCS#11 ends it when the application's last session closes). No message ever
    /// contains it.
    /// </summary>
    public required string Pin { get; init; }

    /// <summary>
    /// How many sessions the signer may hold at once: each signature borrows one, so this bounds how many signatures
    /// run on the token at the same time. The default is one per processor, enough for a token that signs on this
    /// machine's cores; raise it for a network HSM, where a signature mostly waits. At most <see cref="SessionLimit"/>.
    /// </summary>
    public int MaxSessions { get; init; } = Environment.ProcessorCount;

    /// <summary>
    /// Whether a key that can leave the token (<c>CKA_EXTRACTABLE</c> true, or <c>CKA_SENSITIVE</c> false) may sign.
    /// False by default, and such a key is refused: the point of an HSM is that the private key never leaves it,
    /// and a key the token lets anyone with the PIN export is only as safe as a key file. Allow it only for a key
    /// imported into the token that cannot yet be replaced by one generated there, e.g. while migrating from
    /// key files, or on a test token.
    /// </summary>
    public bool AllowExtractableKey { get; init; }

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"ModulePath = {ModulePath}, TokenLabel = {TokenLabel}, KeyLabel = {KeyLabel}, KeyId = {KeyId}, ");
        builder.Append($"Pin = (hidden), MaxSessions = {MaxSessions}, AllowExtractableKey = {AllowExtractableKey}");
        return true;
    }
}
