namespace Credentials.Host.Configuration;

/// <summary>The section <c>Credentials:StatusLists</c>: token status lists (draft-ietf-oauth-status-list) served at their <c>uri</c>.</summary>
internal sealed class StatusListOptions
{
    /// <summary>The issuer's status list database, an SQLite file or a PostgreSQL connection string (default <c>status-lists.db</c> in the data folder, used when it exists): its latest publication of each list is served.</summary>
    public string? Store { get; set; }

    /// <summary>A folder of signed list files (<c>a/b.jwt</c>, <c>a/b.cwt</c>) served at <c>{Path}/a/b</c> (default <c>publish/status</c> in the data folder).</summary>
    public string? Folder { get; set; }

    /// <summary>Where they are served (default <c>/status</c>).</summary>
    public string Path { get; set; } = "/status";

    /// <summary>How long a client may keep a served list (Cache-Control max-age; default 5 minutes, never past the token's exp).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);
}
