using System.Net;
using System.Reflection;
using Credentials.Host.Accounts;
using Credentials.Host.Background;
using Credentials.Host.Configuration;
using Credentials.Host.Pages;
using Credentials.Host.Publishing;
using Credentials.Host.Security;
using Credentials.Host.TrustData;
using Credentials.Host.Verify;
using Credentials.Revocation;
using Credentials.Status;
using Credentials.Verification;
using Credentials.Wallet.StatusLists;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Credentials.Host;

/// <summary>
/// <c>credentials serve</c>: one ASP.NET Core application on the shared hosting code (<see cref="ServerHost"/>): the
/// hospital's verify page and API, the resolver API and snapshot, the revocation and token status lists, health,
/// OpenAPI; the registry sync and the trust-age monitor in the background. Configured from embedded defaults, an
/// operator's file, the environment (<c>CREDENTIALS__…</c>) and the command line; every setting is checked before
/// anything listens (<see cref="ServerStartException"/>, one line).
/// </summary>
public static class CredentialsHost
{
    /// <summary>Where the host listens when nothing says otherwise: plain HTTP on loopback only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8080";

    /// <summary>The path of the OpenAPI description of the APIs.</summary>
    public const string OpenApiPath = "/openapi/v1.json";

    /// <summary>The health endpoints: alive (the process answers) and ready (its trust data is usable).</summary>
    public const string LivePath = "/health/live";

    /// <inheritdoc cref="LivePath"/>
    public const string ReadyPath = "/health/ready";

    /// <summary>The largest request other than a verify upload: forms and queries are small.</summary>
    private const long SmallRequestBytes = 256 * 1024;

    /// <summary>
    /// Builds the application: configuration read and checked, addresses checked, trust opened (downloaded when it is
    /// an address), stores opened. Start it with <see cref="ServerHost.RunAsync"/>. Throws <see cref="ServerStartException"/>.
    /// </summary>
    public static async Task<WebApplication> BuildAsync(ServeSettings settings, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = ServerHost.CreateBuilder([DefaultUrl], settings.ShutdownTimeout);
        Configure(builder.Configuration, settings);
        var options = ReadOptions(builder.Configuration, settings);
        var urls = settings.Urls ?? (builder.Configuration["urls"] is { Length: > 0 } configured ? ServerHost.SplitUrls(configured) : [DefaultUrl]);
        ListenAddresses.Check(urls, builder.Configuration, options.Proxy.TlsTerminated);
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.UseKestrelHttpsConfiguration();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = SmallRequestBytes);
        ConfigureLogging(builder, options);

        var time = settings.Time;
        var http = StatusHttpClient();
        TrustView trust;
        try
        {
            trust = await TrustView.OpenAsync(options.Trust, options.DataFolder, http, time, syncConfigured: options.Sync.From is not null, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            http.Dispose();
            throw;
        }

        try
        {
            AddServices(builder, options, trust, http, time);
            Issuing.IssuingRegistration.AddServices(builder.Services, options, trust, time);
            settings.ConfigureBuilder?.Invoke(builder);
            var app = builder.Build();
            app.Lifetime.ApplicationStopped.Register(() =>
            {
                trust.Dispose();
                http.Dispose();
            });
            ConfigurePipeline(app, options, urls);
            MapEndpoints(app, options, trust);
            Issuing.IssuingRegistration.Map(app);
            LogStart(app, trust);
            return app;
        }
        catch
        {
            trust.Dispose();
            http.Dispose();
            throw;
        }
    }

    /// <summary>
    /// The configuration, later sources winning: the embedded <c>appsettings.json</c>, the operator's file, the
    /// environment (<c>CREDENTIALS__TRUST__REGISTRY</c> is <c>Credentials:Trust:Registry</c>), the command line. A file
    /// in the working folder is never read by surprise.
    /// </summary>
    private static void Configure(ConfigurationManager configuration, ServeSettings settings)
    {
        foreach (var source in configuration.Sources.OfType<JsonConfigurationSource>().ToList())
        {
            configuration.Sources.Remove(source);
        }

        var defaults = Assembly.GetExecutingAssembly().GetManifestResourceStream("Credentials.Host.appsettings.json")
            ?? throw new InvalidOperationException("the embedded appsettings.json is missing.");
        configuration.Sources.Insert(0, new JsonStreamConfigurationSource { Stream = defaults });
        if (settings.ConfigurationFile is { } file)
        {
            if (!File.Exists(file))
            {
                throw new ServerStartException($"--config: there is no settings file '{file}'.");
            }

            try
            {
                configuration.AddJsonFile(Path.GetFullPath(file), optional: false, reloadOnChange: false);
            }
            catch (Exception e) when (e is InvalidDataException or FormatException or IOException)
            {
                throw new ServerStartException($"--config: '{file}' is not a JSON settings file: {CliText(e.InnerException?.Message ?? e.Message)}", e);
            }
        }

        configuration.AddEnvironmentVariables();
        configuration.AddInMemoryCollection(settings.Settings);
    }

    /// <summary>The options, bound and checked; the first problem stops the start with one line.</summary>
    private static ServeOptions ReadOptions(ConfigurationManager configuration, ServeSettings settings)
    {
        var options = new ServeOptions();
        try
        {
            configuration.GetSection(ServeOptions.Section).Bind(options, binder => binder.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException e)
        {
            throw new ServerStartException(BindingProblem(e, configuration), e);
        }

        if (options.DataFolder.Length == 0)
        {
            options.DataFolder = settings.DataFolder;
        }

        if (ServeOptionsValidator.Check(options) is [var first, ..])
        {
            throw new ServerStartException(first);
        }

        return options;
    }

    /// <summary>A binder failure as one line: the key and the value it could not read, or the key it does not know.</summary>
    private static string BindingProblem(InvalidOperationException e, ConfigurationManager configuration)
    {
        var message = e.Message;
        var at = System.Text.RegularExpressions.Regex.Match(message, "configuration value (?:'[^']*' )?at '([^']+)'");
        if (at.Success)
        {
            var key = at.Groups[1].Value;
            return $"{key}: '{configuration[key]}' is not a value of this setting (numbers are digits, durations d.hh:mm:ss, switches true or false, addresses absolute).";
        }

        var unknown = System.Text.RegularExpressions.Regex.Match(message, @"were not found on the instance of ([\w.]+): '([^']+)'");
        return unknown.Success
            ? $"{ServeOptions.Section}: there is no setting '{unknown.Groups[2].Value}'{SectionOf(unknown.Groups[1].Value)}; see the settings in the README."
            : $"{ServeOptions.Section}: {CliText(message)}";
    }

    /// <summary>Where an unknown key was found, from the options type that did not know it.</summary>
    private static string SectionOf(string type) => type.EndsWith(".ServeOptions", StringComparison.Ordinal) ? string.Empty : $" in the section of {type[(type.LastIndexOf('.') + 1)..].Replace("Options", string.Empty, StringComparison.Ordinal)}";

    private static string CliText(string message) => message.Split('\n')[0].Trim();

    private static void ConfigureLogging(WebApplicationBuilder builder, ServeOptions options)
    {
        if (options.LogFormat == "json")
        {
            builder.Logging.ClearProviders();
            builder.Logging.AddJsonConsole(json =>
            {
                json.UseUtcTimestamp = true;
                json.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }

        // The platform's own warning that the key ring is not encrypted at rest is replaced by the host's, which says where
        // the ring is and how to encrypt it (ServeLog.KeyRingUnencrypted).
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
    }

    private static HttpClient StatusHttpClient()
    {
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false });
        http.DefaultRequestHeaders.UserAgent.ParseAdd("Credentials/" + (typeof(CredentialsHost).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return http;
    }

    private static void AddServices(WebApplicationBuilder builder, ServeOptions options, TrustView trust, HttpClient http, TimeProvider time)
    {
        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.Trust);
        services.AddSingleton(time);
        services.AddSingleton(trust);
        services.AddSingleton(sp => new PublicAddress(options.PublicBaseUrl, sp.GetRequiredService<IServer>()));

        // Step 6: the QR documents' revocation lists and the wallet credentials' token status lists, trusting the
        // signers the current registry links to the institutions.
        var revocation = new RevocationListChecker(options.Revocation.Offline ? null : http, trust.Live, time, new RevocationCheckerOptions
        {
            Offline = options.Revocation.Offline,
            CacheFolder = options.Revocation.CacheFolder ?? Path.Combine(options.DataFolder, "revocation-lists"),
        });
        var status = new StatusCheckers(revocation, new TokenStatusListChecker(http, trust.Live, time));
        services.AddSingleton<IStatusChecker>(status);
        services.AddSingleton(new VerifierOptions
        {
            VerifierName = options.Verifier.Name,
            RequireKnownStatus = options.Verifier.RequireKnownStatus,
            MaxTrustDataAge = options.Trust.MaxAge,
            TimeZone = options.Verifier.TimeZone is { } zone ? TimeZoneInfo.FindSystemTimeZoneById(zone) : null,
        });
        services.AddSingleton<IPresentationNonces>(new InMemoryPresentationNonces(time, TimeSpan.FromMinutes(5), 10_000));
        services.AddSingleton<VerificationService>();
        services.AddSingleton(new HeldResults(time, options.Limits.ResultLifetime, options.Limits.HeldResults));
        services.AddSingleton<PageEndpoints.PageServices>();

        var statusStore = options.StatusLists.Store ?? Path.Combine(options.DataFolder, "status-lists.db");
        if (options.StatusLists.Store is not null || File.Exists(statusStore))
        {
            try
            {
                services.AddSingleton<IStatusListStore>(Credentials.Storage.StatusLists.StatusListDatabase.Open(Credentials.Database.DatabaseLocation.Parse(statusStore), time));
            }
            catch (Exception e) when (e is StatusListIssuanceException or Credentials.Database.DatabaseException)
            {
                throw new ServerStartException($"Credentials:StatusLists:Store: {e.Message}", e);
            }
        }

        // The key ring is kept in the state database (AddCredentialsAuthentication), shared by every host on it, and
        // encrypted there with the operator's certificate (Credentials:DataProtection) when one is configured.
        services.AddSingleton(KeyRingEncryption.Apply(services.AddDataProtection().SetApplicationName("Credentials"), options, builder.Environment.IsDevelopment()));
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "credentials-antiforgery";
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        });
        services.AddRazorComponents();
        services.AddProblemDetails();
        services.AddHealthChecks().AddCheck<TrustHealthCheck>("trust", tags: ["ready"]);
        services.AddOpenApi("v1", openApi => OpenApiDescription.Configure(openApi));
        RateLimits.Add(services, options.RateLimits);
        services.AddCredentialsAuthentication(options, time);
        if (options.Proxy.TlsTerminated || options.Proxy.KnownProxies.Count > 0 || options.Proxy.KnownNetworks.Count > 0)
        {
            services.Configure<ForwardedHeadersOptions>(forwarded =>
            {
                forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
                if (options.Proxy.KnownProxies.Count > 0 || options.Proxy.KnownNetworks.Count > 0)
                {
                    forwarded.KnownProxies.Clear();
                    forwarded.KnownIPNetworks.Clear();
                    foreach (var proxy in options.Proxy.KnownProxies)
                    {
                        forwarded.KnownProxies.Add(IPAddress.Parse(proxy));
                    }

                    foreach (var network in options.Proxy.KnownNetworks)
                    {
                        forwarded.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(network));
                    }
                }
            });
        }

        OpenId4Vci.WalletImport.Add(services, options, time);
        AfterListening.Add(services, sp => new TrustStalenessMonitor(trust, options.Trust, time, sp.GetRequiredService<ILogger<TrustStalenessMonitor>>()));
        if (options.Sync.From is not null)
        {
            if (trust.DatabasePath is not { } database)
            {
                throw new ServerStartException("Credentials:Sync:From: a sync writes into a registry database; the trust source is " + trust.Description + ". Give a database as Credentials:Trust:Registry, or leave it out to use registry.db in the data folder.");
            }

            AfterListening.Add(services, sp => new RegistrySyncService(database, options.Sync, http, time, sp.GetRequiredService<ILogger<RegistrySyncService>>()));
        }
    }

    private static void ConfigurePipeline(WebApplication app, ServeOptions options, IReadOnlyList<string> urls)
    {
        // Faults of ours are a problem (RFC 9457) without a stack trace; statuses without a body get one too.
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (options.Proxy.TlsTerminated || options.Proxy.KnownProxies.Count > 0 || options.Proxy.KnownNetworks.Count > 0)
        {
            app.UseForwardedHeaders();
        }

        app.UseMiddleware<SecurityHeaders>();
        if (urls.Any(u => u.StartsWith("https:", StringComparison.OrdinalIgnoreCase)) && urls.All(u => !u.StartsWith("http:", StringComparison.OrdinalIgnoreCase) || ListenAddresses.IsLoopback(HostOf(u))))
        {
            // HTTPS by default: plain HTTP beside it (loopback only) answers with a redirect.
            app.UseHttpsRedirection();
        }

        app.UseRouting();
        app.UseCredentialsAuthentication();
        app.UseRateLimiter();
    }

    private static string HostOf(string url)
    {
        try
        {
            return BindingAddress.Parse(url).Host;
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }

    private static void MapEndpoints(WebApplication app, ServeOptions options, TrustView trust)
    {
        var uploadLimit = new BodySizeLimit(options.Limits.MaxUploadBytes + (64 * 1024));
        var limited = new List<IEndpointConventionBuilder>();

        limited.Add(VerifyApi.Map(app).WithMetadata(uploadLimit).WithName("Verify").WithTags("Verify").WithSummary("Verify a document's QR code: the QR text, a photo of the code or the PDF").WithDescription(OpenApiDescription.VerifyDescription).AddOpenApiOperationTransformer(OpenApiDescription.Verify));
        limited.Add(VerifyApi.MapNonce(app).WithName("VerifyNonce").WithTags("Verify").WithSummary("A fresh single-use nonce and the audience for a wallet presentation's key binding").AddOpenApiOperationTransformer(OpenApiDescription.VerifyNonce));
        foreach (var page in PageEndpoints.Map(app))
        {
            limited.Add(page.WithMetadata(uploadLimit).ExcludeFromDescription());
        }

        var snapshot = options.Trust.Snapshot is { } snapshotFile ? SnapshotFile.Open(snapshotFile) : null;
        limited.AddRange(ResolverApi.Map(app, () => trust.Served, snapshot).Select(e => e.WithTags("Resolver")));
        var revocationFolder = new PublishedFolder(options.Revocation.Folder ?? Path.Combine(options.DataFolder, "publish", "revocation"), RevocationListFormat.MaxListBytes);
        limited.Add(RevocationListEndpoints.Map(app, options.Revocation, revocationFolder, app.Services.GetService<Issuing.IssuingStore>()).WithTags("Lists"));
        var statusFolder = new PublishedFolder(options.StatusLists.Folder ?? Path.Combine(options.DataFolder, "publish", "status"), 16L * 1024 * 1024);
        limited.Add(StatusListEndpoints.Map(app, options.StatusLists, statusFolder, app.Services.GetService<IStatusListStore>(), app.Services.GetRequiredService<PublicAddress>(), app.Services.GetRequiredService<TimeProvider>()).WithTags("Lists"));
        limited.AddRange(OpenId4Vci.WalletImport.Map(app));
        limited.Add(app.MapOpenApi(OpenApiPath).ExcludeFromDescription());
        limited.AddRange(app.MapCredentialsAccounts());
        foreach (var endpoint in limited)
        {
            endpoint.RequireRateLimiting(RateLimits.PublicPolicy);
        }

        // Never rate limited, never described: probes and the pages' own files.
        app.MapHealthChecks(LivePath, new HealthCheckOptions { Predicate = _ => false }).ExcludeFromDescription();
        app.MapHealthChecks(ReadyPath, new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).ExcludeFromDescription();
        HostAssets.Map(app).ExcludeFromDescription();
    }

    private static void LogStart(WebApplication app, TrustView trust)
    {
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ServerHost.LogCategory);
        if (app.Services.GetRequiredService<KeyRingEncryption>().Certificate is null)
        {
            ServeLog.KeyRingUnencrypted(log, app.Services.GetRequiredService<KeyRingEncryption>().RingLocation);
        }

        if (trust.Kind == TrustSourceKind.TestIssuer)
        {
            ServeLog.TestIssuer(log, trust.Description);
        }
        else
        {
            ServeLog.Trusting(log, trust.Description);
        }
    }
}
