using Credentials.Signing;

namespace Credentials.Host.Issuing;

/// <summary>One signing key of an institution and the instant from which it signs new documents and lists.</summary>
/// <param name="From">From when the key signs; a later key takes over at its own instant.</param>
/// <param name="Signer">The key with its certificate and chain.</param>
internal sealed record ScheduledSigner(DateTimeOffset From, CertificateSigner Signer)
{
    /// <summary>Whether the key may sign at <paramref name="now"/>: its instant has come and its certificate is valid.</summary>
    public bool SignsAt(DateTimeOffset now) =>
        From <= now && Signer.Certificate.NotBefore.ToUniversalTime() <= now.UtcDateTime && now.UtcDateTime < Signer.Certificate.NotAfter.ToUniversalTime();
}
