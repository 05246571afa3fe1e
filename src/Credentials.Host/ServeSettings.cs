using Microsoft.AspNetCore.Builder;

namespace Credentials.Host;

/// <summary>What starts a <see cref="CredentialsHost"/>: the command line's part of its configuration, and the clock.</summary>
public sealed record ServeSettings
{
    /// <summary>The host's files when <c>Credentials:DataFolder</c> names none (the CLI's data folder).</summary>
    public required string DataFolder { get; init; }

    /// <summary>Where to listen (<c>--urls</c>); null: <c>urls</c> or <c>Kestrel:Endpoints</c> from the configuration, else <see cref="CredentialsHost.DefaultUrl"/>.</summary>
    public IReadOnlyList<string>? Urls { get; init; }

    /// <summary>An operator's JSON settings file (<c>--config</c>), over the embedded defaults and under the environment.</summary>
    public string? ConfigurationFile { get; init; }

    /// <summary>Settings from the command line (<c>--set Key=value</c>), over everything else.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>The clock: verifications, held results, schedules and the age of trust data read it.</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long requests in flight may take to finish once a stop is asked for.</summary>
    public TimeSpan? ShutdownTimeout { get; init; }

    /// <summary>For embedders and tests: a last look at the builder (a logging provider, a test server).</summary>
    public Action<WebApplicationBuilder>? ConfigureBuilder { get; init; }
}
