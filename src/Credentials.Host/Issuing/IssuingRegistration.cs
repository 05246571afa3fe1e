using Credentials.Database;
using Credentials.Host.Configuration;
using Credentials.Host.Publishing;
using Credentials.Host.TrustData;
using Credentials.Storage.Issuance;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.StatusLists;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Credentials.Host.Issuing;

/// <summary>
/// The insurer side of <c>credentials serve</c> in one place: its services (the signers per institution, the issuer database, the issuing and status services, the batch worker and the list renewal) and,
/// once the application is built, its endpoints and start-up log lines.
/// </summary>
internal static class IssuingRegistration
{
    /// <summary>
    /// Adds the signers: the configured keys; with none configured and the generated test issuer as the trust source,
    /// the test issuer's key (in memory only; the trust view already trusts its certificate, so what the host issues
    /// verifies on its own verify page); otherwise none.
    /// </summary>
    public static void AddServices(IServiceCollection services, ServeOptions options, TrustView trust, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(trust);
        if (options.Issuing.RevocationListValidity < TimeSpan.FromHours(1) || options.Issuing.RevocationListValidity > TimeSpan.FromDays(31))
        {
            throw new ServerStartException($"{ServeOptions.Section}:Issuing:RevocationListValidity: {options.Issuing.RevocationListValidity} is not allowed: 01:00:00 to 31.00:00:00 (a list is re-signed at half of it).");
        }

        InstitutionSigners signers;
        if (options.Signing.Institutions.Count > 0)
        {
            signers = InstitutionSigners.Load(options.Signing, time);
        }
        else if (trust.TestIssuer is { } test)
        {
            signers = InstitutionSigners.ForTestIssuer(Credentials.Issuance.Demo.DemoScenario.Institution, test.Signer, time);
        }
        else
        {
            signers = InstitutionSigners.None(time);
        }

        services.AddSingleton(signers);
        services.AddSingleton<IInstitutionSigners>(signers);

        // An SQLite file for one machine, or a PostgreSQL connection string for several hosts sharing one state.
        IssuingStore store;
        try
        {
            store = IssuingStore.Open(DatabaseLocation.Parse(options.Issuing.Store ?? Path.Combine(options.DataFolder, "issuer.db")), time);
        }
        catch (Exception e) when (e is IssuerStateException or DatabaseException)
        {
            signers.Dispose();
            throw new ServerStartException($"Credentials:Issuing:Store: {e.Message}", e);
        }

        services.AddSingleton(store);
        services.AddSingleton(store.Documents);

        // The wallet credentials' status lists: the host's store when it has one, else tables in the issuer database
        // (one database for both), served at /status like any other.
        if (!services.Any(d => d.ServiceType == typeof(IStatusListStore)))
        {
            try
            {
                services.AddSingleton<IStatusListStore>(StatusListDatabase.Open(store.Location, time));
            }
            catch (StatusListIssuanceException e)
            {
                store.Dispose();
                signers.Dispose();
                throw new ServerStartException($"Credentials:Issuing:Store: {e.Message}", e);
            }
        }

        var revocationFolder = options.Revocation.Folder ?? Path.Combine(options.DataFolder, "publish", "revocation");
        services.AddSingleton(sp => new IssuingAddresses(sp.GetRequiredService<PublicAddress>(), options.Revocation.Path));
        services.AddSingleton(sp => new RevocationPublisher(store, signers, revocationFolder, options.Issuing.RevocationListValidity, time));
        services.AddSingleton<StatusListPublisher>();
        services.AddSingleton<DocumentIssuing>();
        services.AddSingleton<DocumentStatusChanges>();
        services.AddSingleton<BatchWorker>();
        services.AddSingleton<BatchJobs>();
        services.AddSingleton<ListRenewalService>();
        services.AddSingleton<IssuingPages.PageContext>();
        // Resumed batches and re-signed lists only once the host listens: a host that cannot bind does no work.
        Background.AfterListening.Add(services, sp => sp.GetRequiredService<BatchWorker>());
        Background.AfterListening.Add(services, sp => sp.GetRequiredService<ListRenewalService>());
    }

    /// <summary>Maps the insurer side's endpoints and writes what it signs for in the log.</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var signers = app.Services.GetRequiredService<InstitutionSigners>();
        var store = app.Services.GetRequiredService<IssuingStore>();
        app.Lifetime.ApplicationStopped.Register(() =>
        {
            store.Dispose();
            signers.Dispose();
        });
        IssuingApi.Map(app);
        IssuingPages.Map(app);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(ServerHost.LogCategory);
        if (signers.IsTestIssuer)
        {
            IssuingLog.TestIssuer(log, signers.Institutions[0].ToString());
        }
        else if (signers.Institutions.Count == 0)
        {
            IssuingLog.NotSigning(log);
        }
        else
        {
            var institutions = string.Join(", ", signers.Institutions);
            var keys = signers.Institutions.Sum(i => signers.KeysOf(i).Count);
            IssuingLog.SigningFor(log, institutions, keys);
        }
    }
}
