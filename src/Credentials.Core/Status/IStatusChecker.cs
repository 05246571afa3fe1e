using Credentials.Model;

namespace Credentials.Status;

/// <summary>
/// Looks a document's status up where its <see cref="StatusReference"/> points: the status seam, shared by every
/// format (revocation lists for the QR token, Token Status Lists for wallet credentials). Implementations are
/// thread-safe and do their I/O asynchronously.
/// </summary>
public interface IStatusChecker
{
    /// <summary>Whether this checker reads references of this kind.</summary>
    bool CanCheck(StatusReference reference);

    /// <summary>
    /// Checks the reference; the list must be issued for <paramref name="authenticSource"/>. Never throws for a list
    /// that cannot be had or trusted: that is <see cref="CredentialStatus.Unknown"/> with its cause.
    /// </summary>
    ValueTask<StatusCheck> CheckAsync(StatusReference reference, InstitutionId authenticSource, CancellationToken cancellationToken = default);
}
