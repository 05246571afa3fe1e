namespace Credentials.Trust;

/// <summary>A signed snapshot of the trust registry for offline verifiers (specs/trust-registry.md, "Signed snapshots").</summary>
public sealed record TrustSnapshot(long Sequence, DateTimeOffset IssuedAt, DateTimeOffset NextUpdate, TrustRegistry Registry);

public enum TrustSnapshotProblem
{
    Malformed,
    BadlySigned,
    Rollback,
}

/// <summary>A snapshot that must not be used, with the reason. Nothing that held trust data before is changed.</summary>
public sealed class TrustSnapshotException : Exception
{
    public TrustSnapshotException(TrustSnapshotProblem problem, string message)
        : base(message) => Problem = problem;

    public TrustSnapshotException()
    {
    }

    public TrustSnapshotException(string message)
        : base(message)
    {
    }

    public TrustSnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TrustSnapshotProblem Problem { get; }
}
