namespace Credentials.Host.Configuration;

/// <summary>The section <c>Credentials:Revocation</c>.</summary>
internal sealed class RevocationOptions
{
    /// <summary>The folder of revocation list files to serve (default <c>publish/revocation</c> in the data folder); <c>{Path}/a/b</c> serves the file <c>a/b</c> (or <c>a/b.jwt</c>).</summary>
    public string? Folder { get; set; }

    /// <summary>Where they are served (default <c>/revocation</c>).</summary>
    public string Path { get; set; } = "/revocation";

    /// <summary>How long a client may keep a served list before asking again (Cache-Control max-age; default 5 minutes).</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Verifying: never download a document's revocation list (step 6 then uses a kept list or says it was not checked).</summary>
    public bool Offline { get; set; }

    /// <summary>Verifying: where downloaded lists are kept between runs (default <c>revocation-lists</c> in the data folder, as the CLI's).</summary>
    public string? CacheFolder { get; set; }
}
