namespace Credentials.Trust;

/// <summary>
/// A verifier's memory of the highest snapshot sequence it has accepted from each registry operator: what makes an
/// older snapshot (a rollback to trust data from before a revocation) refusable. Implementations are safe for
/// several processes at once.
/// </summary>
public interface ITrustStateStore
{
    /// <summary>The highest sequence accepted from the operator with this certificate thumbprint, if any.</summary>
    long? HighestAccepted(string operatorThumbprint);

    /// <summary>Records that <paramref name="sequence"/> was accepted (never lowers what is held).</summary>
    void Accept(string operatorThumbprint, long sequence);
}
