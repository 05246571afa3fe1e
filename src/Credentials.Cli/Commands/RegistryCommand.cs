using System.CommandLine;
using Credentials.Trust;
using Credentials.Trust.Store;

namespace Credentials.Cli.Commands;

/// <summary><c>credentials registry import F | status</c>, on the registry database given by <c>--registry</c>.</summary>
internal static class RegistryCommand
{
    /// <summary>The registry database when no --registry is given: a file in the user's data folder.</summary>
    public static string DefaultPath => Path.Combine(CliFolders.Data, "registry.db");

    public static Command Create(CliConsole console, TimeProvider time)
    {
        var registry = new Command("registry", "Manage the persistent trust registry (an SQLite file, append-only).");
        registry.Subcommands.Add(CreateImport(console, time));
        registry.Subcommands.Add(CreateSync(console, time));
        registry.Subcommands.Add(CreateStatus(console));
        registry.Subcommands.Add(CreateExport(console, time));
        registry.Subcommands.Add(RegistryServeCommand.Create(console));
        return registry;
    }

    internal static Option<string> RegistryOption() =>
        new("--registry") { Description = "The registry database (default: registry.db in the user's data folder).", DefaultValueFactory = _ => DefaultPath };

    private static Command CreateImport(CliConsole console, TimeProvider time)
    {
        var file = new Argument<string>("FILE") { Description = "A resolver-shaped JSON list of issuers (specs/trust-registry.md)." };
        var registry = RegistryOption();
        var command = new Command("import", "Bring the registry in line with a full list of issuers: add, change, and mark withdrawn what the list no longer holds.") { file, registry };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                throw new CliException($"the list '{path}' does not exist.");
            }

            IReadOnlyList<RegistryIssuer> issuers;
            using (var stream = File.OpenRead(path))
            {
                issuers = ResolverListFormat.Read(stream);
            }

            using var store = RegistryStore.Open(parse.GetValue(registry)!);
            try
            {
                var report = store.Import(issuers, Path.GetFileName(path), time.GetUtcNow());
                console.Out.WriteLine($"Imported {issuers.Count} issuer(s) into {parse.GetValue(registry)}: {report}");
                return ExitCodes.Success;
            }
            catch (RegistryImportException e)
            {
                console.Error.WriteLine($"credentials: {e.Message}");
                return ExitCodes.Rejected;
            }
        });
        return command;
    }

    private static Command CreateSync(CliConsole console, TimeProvider time)
    {
        var from = new Option<string>("--from") { Description = "The resolver's address; its full list is read from {address}/api/v1/issuers.", Required = true };
        var registry = RegistryOption();
        var command = new Command("sync", "Bring the registry in line with a resolver's full list, over HTTP (conditional, retried). A failed or partial download changes nothing.") { from, registry };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!Uri.TryCreate(parse.GetValue(from), UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
            {
                throw new CliException($"--from: '{parse.GetValue(from)}' is not an http(s) address.");
            }

            using var http = new HttpClient();
            using var store = RegistryStore.Open(parse.GetValue(registry)!);
            var report = await new Credentials.Trust.Store.Sync.RegistrySync(store, time).SyncAsync(new Credentials.Trust.Store.Sync.EcResolverSource(http, address), cancellation);
            (report.Outcome == Credentials.Trust.Store.Sync.SyncOutcome.Failed ? console.Error : console.Out).WriteLine($"Sync from {address} ({report.Attempts} attempt(s)): {report.Message}");
            return report.Outcome == Credentials.Trust.Store.Sync.SyncOutcome.Failed ? ExitCodes.Rejected : ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateStatus(CliConsole console)
    {
        var registry = RegistryOption();
        var command = new Command("status", "Show the registry's size and its last import.") { registry };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(registry)!;
            if (!File.Exists(path))
            {
                throw new CliException($"there is no registry at '{path}': create one with 'credentials registry import FILE'.");
            }

            using var store = RegistryStore.Open(path);
            var status = store.Status();
            console.Out.WriteLine($"Registry {path} (schema {status.SchemaVersion}): {status.Issuers} issuer(s), {status.Certificates} certificate(s), {status.WithdrawnLinks} withdrawn certificate link(s).");
            console.Out.WriteLine(status.LastImportAt is { } at ? $"Last import: {status.LastImportSource} at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC." : "No import yet.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateExport(CliConsole console, TimeProvider time)
    {
        var registry = RegistryOption();
        var signed = new Option<bool>("--signed") { Description = "Write a snapshot signed by the registry operator (otherwise the plain resolver-shaped JSON list)." };
        var key = new Option<string?>("--key") { Description = "The operator's signing key (PKCS#8 PEM or PKCS#12), with --signed." };
        var cert = new Option<string?>("--cert") { Description = "The operator's certificate, with --signed; verifiers pin it." };
        var password = new Option<string?>("--password") { Description = $"The key's password (or set {IssueCommand.PasswordVariable})." };
        var output = new Option<string>("--out") { Description = "The file to write.", Required = true };
        var validHours = new Option<int>("--valid-hours") { Description = "Hours until the snapshot's next update is due.", DefaultValueFactory = _ => 24 };
        var command = new Command("export", "Export the registry: a resolver-shaped JSON list, or with --signed a snapshot for offline verifiers.") { registry, signed, key, cert, password, output, validHours };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(registry)!;
            if (!File.Exists(path))
            {
                throw new CliException($"there is no registry at '{path}'.");
            }

            using var store = RegistryStore.Open(path);
            var issuers = store.Load().Issuers;
            var outPath = parse.GetValue(output)!;
            if (!parse.GetValue(signed))
            {
                CommandValues.WriteText(outPath, ResolverListFormat.WriteToString(issuers) + "\n");
                console.Out.WriteLine($"Exported {issuers.Count} issuer(s) to {outPath}.");
                return ExitCodes.Success;
            }

            var keyPath = parse.GetValue(key) ?? throw new CliException("--signed needs the operator's --key (and --cert).");
            using var operatorKey = CommandValues.LoadSigner(keyPath, parse.GetValue(cert), parse.GetValue(password));
            var signer = new Credentials.WireFormat.JwsSigner(operatorKey);
            var now = time.GetUtcNow();
            var sequence = store.NextSnapshotSequence(now);
            var snapshot = TrustSnapshotFormat.Sign(issuers, sequence, now, now.AddHours(Math.Clamp(parse.GetValue(validHours), 1, 24 * 31)), signer);
            CommandValues.WriteText(outPath, snapshot);
            console.Out.WriteLine($"Exported signed snapshot {sequence} with {issuers.Count} issuer(s) to {outPath}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The highest snapshot sequence accepted per operator, kept where no --trust-state is given.</summary>
    public static string DefaultTrustStatePath => Path.Combine(CliFolders.Data, "trust-state.json");

    /// <summary>
    /// The registry for verification, by the library's one call (<see cref="TrustSources"/>): a registry database, a
    /// signed snapshot (with the operator's certificate; an older snapshot than one accepted before is refused), or a
    /// resolver-shaped JSON list (whose age is unknown unless <paramref name="listFetchedAt"/> states it), from a
    /// file or an http(s) address.
    /// </summary>
    public static TrustRegistry Load(string location, string? operatorCertificate, string? trustState, DateTimeOffset? listFetchedAt, HttpClient http, TimeProvider time)
    {
        using var certificate = operatorCertificate is null ? null : Credentials.Issuance.Keys.SigningKeyLoader.LoadCertificate(operatorCertificate);
        var options = new TrustSourceOptions
        {
            OperatorCertificate = certificate,
            State = new TrustStateFile(trustState ?? DefaultTrustStatePath),
            ListFetchedAt = listFetchedAt,
            Http = http,
        };
        return TrustSources.OpenAsync(location, options, time).GetAwaiter().GetResult();
    }
}
