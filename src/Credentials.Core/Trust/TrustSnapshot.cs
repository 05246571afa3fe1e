namespace Credentials.Trust;

/// <summary>A signed snapshot of the trust registry for offline verifiers (specs/trust-registry.md, "Signed snapshots").</summary>
public sealed record TrustSnapshot(long Sequence, DateTimeOffset IssuedAt, DateTimeOffset NextUpdate, TrustRegistry Registry);

/// <summary>Why a snapshot is refused; in every case the trust data held before stays as it was.</summary>
public enum TrustSnapshotProblem
{
    /// <summary>The snapshot is not in its format (not a JWS, too large, a member missing or of the wrong type).</summary>
    Malformed,

    /// <summary>The snapshot is not signed by the pinned operator certificate, or its signature does not verify.</summary>
    BadlySigned,

    /// <summary>The snapshot's sequence number is lower than the highest already accepted: an older snapshot replayed (specs/trust-registry.md).</summary>
    Rollback,
}

/// <summary>A snapshot that must not be used, with the reason. Nothing that held trust data before is changed.</summary>
public sealed class TrustSnapshotException : Exception
{
    /// <summary>A snapshot refused for this problem, with a one-line reason.</summary>
    public TrustSnapshotException(TrustSnapshotProblem problem, string message)
        : base(message) => Problem = problem;

    /// <summary>The standard constructor (CA1032); the library always gives the problem and the reason.</summary>
    public TrustSnapshotException()
    {
    }

    /// <summary>The standard constructor (CA1032), with the message as given.</summary>
    public TrustSnapshotException(string message)
        : base(message)
    {
    }

    /// <summary>The standard constructor (CA1032), with the message and its cause.</summary>
    public TrustSnapshotException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Which way the snapshot failed: a rollback is an attack or a misconfiguration, a malformed file a damaged download.</summary>
    public TrustSnapshotProblem Problem { get; }
}
