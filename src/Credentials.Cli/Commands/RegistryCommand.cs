using System.CommandLine;
using Credentials.Trust;
using Credentials.Trust.Store;
using Credentials.Trust.Store.Sync;

namespace Credentials.Cli.Commands;

/// <summary><c>credentials registry import F | sync | status | export | serve</c>, on the registry database given by <c>--registry</c>.</summary>
internal static class RegistryCommand
{
    /// <summary>The registry database when no --registry is given: a file in the user's data folder.</summary>
    public static string DefaultPath => Path.Combine(CliFolders.Data, "registry.db");

    public static Command Create(CliConsole console, TimeProvider time)
    {
        var registry = new Command("registry", "Manage the persistent trust registry (an SQLite file, or PostgreSQL shared by several hosts; append-only).");
        registry.Subcommands.Add(CreateImport(console, time));
        registry.Subcommands.Add(CreateSync(console, time));
        registry.Subcommands.Add(CreateStatus(console));
        registry.Subcommands.Add(CreateExport(console, time));
        registry.Subcommands.Add(RegistryServeCommand.Create(console));
        return registry;
    }

    internal static Option<string> RegistryOption() =>
        new("--registry") { Description = "The registry database: an SQLite file (default: registry.db in the user's data folder), or a PostgreSQL connection string shared by several hosts.", DefaultValueFactory = _ => DefaultPath };

    private static Command CreateImport(CliConsole console, TimeProvider time)
    {
        var file = new Argument<string>("FILE") { Description = "A resolver-shaped JSON list of issuers (specs/trust-registry.md)." };
        var registry = RegistryOption();
        var command = new Command("import", "Bring the registry in line with a full list of issuers: add, change, and mark withdrawn what the list no longer holds. Identical duplicates are merged; conflicting ones are kept and make their certificate ambiguous (KEY_AMBIGUOUS), as when verifying against the file.") { file, registry };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            IReadOnlyList<RegistryIssuer> issuers;
            try
            {
                issuers = ResolverListFormat.Read(ReadInput(path, ResolverListFormat.MaxDocumentBytes, "list"));
            }
            catch (TrustRegistryFormatException e)
            {
                throw new CliException($"the list '{path}' is not a resolver list: {e.Message}");
            }

            var database = parse.GetValue(registry)!;
            using var store = RegistryStore.Open(database);
            try
            {
                var report = store.Import(issuers, Path.GetFileName(path), time.GetUtcNow());
                console.Out.WriteLine($"Imported {issuers.Count} issuer(s) into {store.Location}: {report}");
                PrintListNotes(console, report);
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
        var maxBytes = new Option<string?>("--max-bytes") { Description = $"The largest list accepted, in bytes or with KiB/MiB/GiB (default {EcResolverSource.DefaultMaxBytes / (1024 * 1024)}MiB); a longer answer is refused as soon as it passes the limit." };
        var command = new Command("sync", "Bring the registry in line with a resolver's full list, over HTTP (conditional, retried, bounded in size). A \"not modified\" answer confirms the registry current; a failed or partial download changes nothing.") { from, registry, maxBytes };
        command.SetAction(async (parse, cancellation) =>
        {
            if (!Uri.TryCreate(parse.GetValue(from), UriKind.Absolute, out var address) || (address.Scheme != Uri.UriSchemeHttps && address.Scheme != Uri.UriSchemeHttp))
            {
                throw new CliException($"--from: '{parse.GetValue(from)}' is not an http(s) address.");
            }

            var limit = ParseSize(parse.GetValue(maxBytes), "--max-bytes", EcResolverSource.DefaultMaxBytes, ResolverListFormat.MaxDocumentBytes);
            using var http = new HttpClient();
            using var store = RegistryStore.Open(parse.GetValue(registry)!);
            var source = new EcResolverSource(http, address, maxBytes: limit);
            var sync = new RegistrySync(store, time) { Progress = line => console.Error.WriteLine($"credentials: sync: {line}") };
            var report = await sync.SyncAsync(source, cancellation);
            var where = BoundedDownloadText(address);
            switch (report.Outcome)
            {
                case SyncOutcome.Failed:
                    var hint = report.Problem == Credentials.Net.DownloadProblem.TooLarge ? " If the list is really that large, raise the limit with --max-bytes." : string.Empty;
                    console.Error.WriteLine($"credentials: sync from {where} failed ({report.Attempts} attempt(s)): {report.Message}{hint}");
                    return ExitCodes.Rejected;
                case SyncOutcome.NotModified:
                    console.Out.WriteLine($"Sync from {where} ({report.Attempts} attempt(s)): {report.Message} As of {Utc(time.GetUtcNow())}.");
                    return ExitCodes.Success;
                default:
                    console.Out.WriteLine($"Sync from {where} ({report.Attempts} attempt(s)): {report.Message}");
                    PrintListNotes(console, report.Import!);
                    return ExitCodes.Success;
            }
        });
        return command;
    }

    private static Command CreateStatus(CliConsole console)
    {
        var registry = RegistryOption();
        var command = new Command("status", "Show the registry's size, when its data last changed, and when it was last confirmed current (the age a verifier judges it by).") { registry };
        command.SetAction(parse =>
        {
            var path = ExistingRegistry(parse.GetValue(registry)!);
            using var store = RegistryStore.Open(path);
            var status = store.Status();
            console.Out.WriteLine($"Registry {store.Location} (schema {status.SchemaVersion}): {status.Issuers} issuer(s), {status.Certificates} certificate(s), {status.WithdrawnLinks} withdrawn certificate link(s).");
            if (status.LastImportAt is null)
            {
                console.Out.WriteLine("No import yet: fill it with 'credentials registry import FILE' or 'credentials registry sync --from URL'.");
                return ExitCodes.Success;
            }

            console.Out.WriteLine(status.LastChangedAt is { } changed ? $"Last changed: {Utc(changed)}, by {Describe(status.LastChangedSource)}." : "Last changed: never (every import so far held nothing).");
            console.Out.WriteLine($"Last confirmed current: {Utc(status.ConfirmedCurrentAt!.Value)}, by {(status.ConfirmedByNotModified ? $"a sync of {status.ConfirmedCurrentSource} (not modified)" : Describe(status.ConfirmedCurrentSource))}.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateExport(CliConsole console, TimeProvider time)
    {
        const int MaxValidHours = 24 * 31;
        var registry = RegistryOption();
        var signed = new Option<bool>("--signed") { Description = "Write a snapshot signed by the registry operator (otherwise the plain resolver-shaped JSON list)." };
        var key = new Option<string?>("--key") { Description = "The operator's signing key (PKCS#8 PEM or PKCS#12), with --signed." };
        var cert = new Option<string?>("--cert") { Description = "The operator's certificate, with --signed; verifiers pin it." };
        var password = new Option<string?>("--password") { Description = $"The key's password (or set {IssueCommand.PasswordVariable}), with --signed." };
        var output = new Option<string>("--out") { Description = "The file to write (replaced in one step, so a server publishing it never serves half of one).", Required = true };
        var validHours = new Option<string?>("--valid-hours") { Description = $"Hours until the snapshot's next update is due, 1 to {MaxValidHours} (default 24), with --signed." };
        var command = new Command("export", "Export the registry: a resolver-shaped JSON list, or with --signed a snapshot for offline verifiers.") { registry, signed, key, cert, password, output, validHours };
        command.SetAction(parse =>
        {
            var isSigned = parse.GetValue(signed);
            var signingOnly = new (Option Option, bool Given)[] { (key, parse.GetValue(key) is not null), (cert, parse.GetValue(cert) is not null), (password, parse.GetValue(password) is not null), (validHours, parse.GetValue(validHours) is not null) };
            if (!isSigned && signingOnly.Where(o => o.Given).Select(o => o.Option.Name).ToList() is { Count: > 0 } given)
            {
                throw new CliException($"{string.Join(", ", given)} {(given.Count == 1 ? "is" : "are")} for a signed snapshot: add --signed, or leave {(given.Count == 1 ? "it" : "them")} out for the plain JSON list.");
            }

            var hours = 24;
            if (parse.GetValue(validHours) is { } hoursText && (!int.TryParse(hoursText, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out hours) || hours < 1 || hours > MaxValidHours))
            {
                throw new CliException($"--valid-hours: '{hoursText}' is not allowed: the next update of a snapshot is due in 1 to {MaxValidHours} hours (31 days).");
            }

            var outPath = parse.GetValue(output)!;
            if (Directory.Exists(outPath))
            {
                throw new CliException($"--out: '{outPath}' is a folder; name the file to write.");
            }

            var keyPath = isSigned ? parse.GetValue(key) ?? throw new CliException("--signed needs the operator's --key (and --cert).") : null;
            using var store = RegistryStore.Open(ExistingRegistry(parse.GetValue(registry)!));
            var issuers = store.Load().Issuers;
            if (keyPath is null)
            {
                Credentials.IO.SharedFile.Write(outPath, System.Text.Encoding.UTF8.GetBytes(ResolverListFormat.WriteToString(issuers) + "\n"));
                console.Out.WriteLine($"Exported {issuers.Count} issuer(s) to {outPath}.");
                return ExitCodes.Success;
            }

            using var operatorKey = CommandValues.LoadSigner(keyPath, parse.GetValue(cert), parse.GetValue(password));
            var signer = new Credentials.WireFormat.JwsSigner(operatorKey);
            var now = time.GetUtcNow();
            var sequence = store.NextSnapshotSequence(now);
            var snapshot = TrustSnapshotFormat.Sign(issuers, sequence, now, now.AddHours(hours), signer);
            Credentials.IO.SharedFile.Write(outPath, System.Text.Encoding.UTF8.GetBytes(snapshot));
            console.Out.WriteLine($"Exported signed snapshot {sequence} with {issuers.Count} issuer(s) to {outPath}, next update due {Utc(now.AddHours(hours))}.");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A registry that must exist already: no registry is an unusable input (exit 2), with the way to make one.</summary>
    private static string ExistingRegistry(string path)
    {
        if (Credentials.Database.DatabaseLocation.IsPostgreSqlLocation(path))
        {
            return path; // a shared registry: opening it says whether it can be used, without echoing the string
        }

        if (Directory.Exists(path))
        {
            throw new CliException($"--registry: '{path}' is a folder, not a registry database.");
        }

        return File.Exists(path) ? path : throw new CliException($"there is no registry at '{path}': create one with 'credentials registry import FILE' (or 'registry sync --from URL').");
    }

    /// <summary>An input file read whole, within a size limit; every failure one line naming the file.</summary>
    private static byte[] ReadInput(string path, long maxBytes, string what)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"the {what} '{path}' is a folder, not a file.");
        }

        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CliException($"the {what} '{path}' does not exist.");
        }

        if (info.Length > maxBytes)
        {
            throw new CliException($"the {what} '{path}' is {info.Length} bytes, more than the {maxBytes} accepted.");
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException($"the {what} '{path}' cannot be read: no permission.");
        }
        catch (IOException)
        {
            throw new CliException($"the {what} '{path}' cannot be read.");
        }
    }

    /// <summary>What an import merged in the list (stdout) and what it found ambiguous (a warning each, stderr).</summary>
    private static void PrintListNotes(CliConsole console, ImportReport report)
    {
        if (report.DuplicatesMerged > 0)
        {
            console.Out.WriteLine($"Merged {report.DuplicatesMerged} identical duplicate(s) in the list (an institution or a certificate listed again the same way).");
        }

        foreach (var conflict in report.Conflicts)
        {
            console.Error.WriteLine($"credentials: warning: {conflict} Verification answers KEY_AMBIGUOUS for it until the list is corrected.");
        }
    }

    /// <summary>A size: a whole number of bytes, or with KiB, MiB or GiB (also K, M, G); 1 to <paramref name="max"/>.</summary>
    internal static long ParseSize(string? text, string option, long fallback, long max)
    {
        if (text is null)
        {
            return fallback;
        }

        var trimmed = text.Trim();
        var units = new (string Suffix, long Factor)[] { ("GiB", 1L << 30), ("MiB", 1L << 20), ("KiB", 1L << 10), ("G", 1L << 30), ("M", 1L << 20), ("K", 1L << 10), ("B", 1) };
        var (suffix, factor) = units.FirstOrDefault(u => trimmed.EndsWith(u.Suffix, StringComparison.OrdinalIgnoreCase), (Suffix: string.Empty, Factor: 1L));
        var number = trimmed[..^suffix.Length].TrimEnd();
        if (!long.TryParse(number, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var value) || value < 1 || value > max / factor)
        {
            throw new CliException($"{option}: '{text}' is not a size from 1 byte to {max / (1024 * 1024)} MiB (e.g. 67108864 or 64MiB).");
        }

        return value * factor;
    }

    private static string Describe(string? source) => source is not null && Uri.TryCreate(source, UriKind.Absolute, out var uri) && uri.Scheme.StartsWith("http", StringComparison.Ordinal)
        ? $"a sync of {source}"
        : $"the import of {source}";

    private static string BoundedDownloadText(Uri address) => Credentials.Net.BoundedDownload.Describe(address);

    private static string Utc(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", System.Globalization.CultureInfo.InvariantCulture);

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
