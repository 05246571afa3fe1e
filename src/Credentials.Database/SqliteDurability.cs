namespace Credentials.Database;

/// <summary>How an SQLite state database's commits reach the disk (its <c>synchronous</c> setting, in WAL mode).</summary>
public enum SqliteDurability
{
    /// <summary>
    /// SQLite's default (<c>synchronous = FULL</c>): every commit is on disk before it returns, an fsync per write.
    /// For state that must outlive a power loss: a document's record, a credential's status-list index.
    /// </summary>
    Full,

    /// <summary>
    /// <c>synchronous = NORMAL</c>: a commit is safe from a crash of the process at once and reaches the disk at the
    /// next checkpoint, without an fsync of its own; a power loss may undo the last commits. For short-lived state
    /// whose loss only makes a holder ask again (wallet offers, nonces).
    /// </summary>
    Normal,
}
