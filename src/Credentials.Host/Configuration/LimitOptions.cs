namespace Credentials.Host.Configuration;

/// <summary>The section <c>Credentials:Limits</c>.</summary>
internal sealed class LimitOptions
{
    /// <summary>The largest verify request (an upload of a PDF or photo), in bytes (default 16 MiB; at most 64 MiB).</summary>
    public long MaxUploadBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>How long a result is held for its downloads and language switch (default 10 minutes).</summary>
    public TimeSpan ResultLifetime { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>How many results are held at most; the oldest go first (default 1,000).</summary>
    public int HeldResults { get; set; } = 1000;
}
