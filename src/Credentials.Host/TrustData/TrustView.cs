using System.Security.Cryptography.X509Certificates;
using Credentials.Issuance.Demo;
using Credentials.Model;
using Credentials.Trust;
using Credentials.Trust.Store;

namespace Credentials.Host.TrustData;

/// <summary>
/// The trust data the host verifies against and serves, whatever its source (<see cref="TrustSourceKind"/>):
/// <see cref="Current"/> is the version for one verification (read once per request, so a verification never mixes
/// two versions), <see cref="Live"/> follows every change (for the status checkers, which outlive a request), and
/// <see cref="Served"/> is the resolver list of the current version. Opened at start: an unusable source stops the
/// start with one line. Thread-safe.
/// </summary>
internal sealed class TrustView : IDisposable
{
    private readonly RegistryView? database;
    private readonly Func<RegistryView.Served> served;
    private readonly Func<ITrustRegistry> current;

    private TrustView(TrustSourceKind kind, string description, RegistryView? database, Func<RegistryView.Served> served, Func<ITrustRegistry> current, DemoScenario? testIssuer)
    {
        Kind = kind;
        Description = description;
        this.database = database;
        this.served = served;
        this.current = current;
        TestIssuer = testIssuer;
        Live = new LiveRegistry(this);
    }

    public TrustSourceKind Kind { get; }

    /// <summary>The source in words for the log: a file name or an address's host, never a query.</summary>
    public string Description { get; }

    /// <summary>The registry database, when that is the source (the scheduled sync writes into it).</summary>
    public string? DatabasePath { get; private init; }

    /// <summary>The generated test issuer, when that is the source.</summary>
    public DemoScenario? TestIssuer { get; }

    /// <summary>The registry for one verification.</summary>
    public ITrustRegistry Current => current();

    /// <summary>A registry that answers each call from the current version.</summary>
    public ITrustRegistry Live { get; }

    /// <summary>The resolver list of the current version, rendered once per version.</summary>
    public RegistryView.Served Served => served();

    /// <summary>Opens the configured source (with a sync configured and no registry, a new one in the data folder); see the class summary.</summary>
    public static async Task<TrustView> OpenAsync(Configuration.TrustOptions options, string dataFolder, HttpClient http, TimeProvider time, bool syncConfigured, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var location = options.Registry;
        var defaultDatabase = Path.Combine(dataFolder, "registry.db");
        if (location is null)
        {
            if (File.Exists(defaultDatabase))
            {
                location = defaultDatabase;
            }
            else if (syncConfigured)
            {
                // A scheduled sync fills a new registry in the data folder; until its first sync it lists no issuer (not ready).
                Directory.CreateDirectory(dataFolder);
                RegistryStore.Open(defaultDatabase).Dispose();
                location = defaultDatabase;
            }
            else if (options.AllowTestIssuer)
            {
                return ForTestIssuer(time);
            }
            else
            {
                throw new ServerStartException($"Credentials:Trust:Registry: no registry is given and there is none at '{defaultDatabase}'; import one with 'credentials registry import FILE', or allow the test issuer (Credentials:Trust:AllowTestIssuer=true).");
            }
        }

        var isAddress = Uri.TryCreate(location, UriKind.Absolute, out var address) && (address.Scheme == Uri.UriSchemeHttp || address.Scheme == Uri.UriSchemeHttps);
        if (!isAddress && File.Exists(location) && RegistryStore.IsDatabaseFile(location))
        {
            if (options.OperatorCertificate is not null)
            {
                throw new ServerStartException("Credentials:Trust:OperatorCertificate: the registry is a database, not a signed snapshot; leave the operator's certificate out.");
            }

            RegistryView view;
            try
            {
                view = new RegistryView(location, ResolverApi.DefaultChangeCheckInterval);
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                throw new ServerStartException($"Credentials:Trust:Registry: the registry database '{Path.GetFileName(location)}' cannot be used: {e.Message}", e);
            }

            return new TrustView(TrustSourceKind.Database, $"the registry database {Path.GetFileName(location)}", view, view.Get, () => view.Get().Registry, null) { DatabasePath = location };
        }

        var sourceOptions = SourceOptions(options, dataFolder, http);
        try
        {
            if (isAddress)
            {
                var registry = await TrustSources.OpenAsync(location, sourceOptions, time, cancellationToken).ConfigureAwait(false);
                var fixedServed = RegistryView.Serve(registry);
                return new TrustView(TrustSourceKind.Address, $"the registry at {Credentials.Net.BoundedDownload.Describe(address!)}", null, () => fixedServed, () => registry, null);
            }

            var file = new TrustFile(location, sourceOptions);
            return new TrustView(TrustSourceKind.File, $"the registry file {Path.GetFileName(location)}", null, file.Get, () => file.Get().Registry, null);
        }
        catch (Exception e) when (e is TrustSourceException or TrustSnapshotException or TrustRegistryFormatException or IOException or UnauthorizedAccessException)
        {
            throw new ServerStartException($"Credentials:Trust:Registry: {e.Message}", e);
        }
    }

    /// <summary>Trust in the generated test issuer only.</summary>
    public static TrustView ForTestIssuer(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        var scenario = DemoScenario.Create(DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime));
        var registry = new AlwaysCurrentRegistry(scenario.Registry, time);
        var served = RegistryView.Serve(scenario.Registry);
        return new TrustView(TrustSourceKind.TestIssuer, $"the generated test issuer {DemoScenario.Institution} only", null, () => served, () => registry, scenario);
    }

    public void Dispose()
    {
        database?.Dispose();
        TestIssuer?.Dispose();
    }

    private static TrustSourceOptions SourceOptions(Configuration.TrustOptions options, string dataFolder, HttpClient http)
    {
        X509Certificate2? operatorCertificate = null;
        if (options.OperatorCertificate is { } certificatePath)
        {
            try
            {
                operatorCertificate = X509CertificateLoader.LoadCertificateFromFile(certificatePath);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new ServerStartException($"Credentials:Trust:OperatorCertificate: '{certificatePath}' is not a readable certificate file (PEM or DER).", e);
            }
        }

        return new TrustSourceOptions
        {
            OperatorCertificate = operatorCertificate,
            State = operatorCertificate is null ? null : new TrustStateFile(options.StateFile ?? Path.Combine(dataFolder, "trust-state.json")),
            Http = http,
        };
    }

    /// <summary>A registry that answers every call from the view's current version.</summary>
    private sealed class LiveRegistry(TrustView view) : ITrustRegistry
    {
        public DateTimeOffset? AsOf => view.Current.AsOf;

        public DateTimeOffset? NextUpdate => view.Current.NextUpdate;

        public KeyResolution Resolve(KeyReference key, InstitutionId institution) => view.Current.Resolve(key, institution);
    }
}
