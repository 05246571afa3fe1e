namespace Credentials.Trust.Store.Sync;

/// <summary>How a sync ended.</summary>
public enum SyncOutcome
{
    /// <summary>A full list was read and imported (whether or not it changed anything).</summary>
    Updated,

    /// <summary>The resolver answered that its list has not changed: the registry is confirmed current.</summary>
    NotModified,

    /// <summary>Nothing usable was read; nothing was changed.</summary>
    Failed,
}
