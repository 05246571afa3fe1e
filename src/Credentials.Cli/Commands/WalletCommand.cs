using System.CommandLine;
using Credentials.Documents;
using Credentials.Model;
using Credentials.Storage.Issuance;
using Credentials.Storage.StatusLists;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Credentials.WireFormat;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials wallet issue ehic|isi</c>, <c>credentials wallet present</c> and <c>credentials wallet verify</c>: the EHIC and the ISI+ as SD-JWT VC
/// (specs/ehic-sd-jwt-vc.md, specs/isi-sd-jwt-vc.md), issued from the same request as the QR documents.
/// </summary>
internal static class WalletCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var wallet = new Command("wallet", "Wallet credentials: the eEHIC and the ISI+ as SD-JWT VC with key binding.");
        var issue = new Command("issue", "Issue a wallet credential (SD-JWT VC) from a document request.");
        issue.Subcommands.Add(CreateIssue(console, time, WalletCredentialType.Ehic, "Issue an eEHIC as SD-JWT VC (vct urn:eudi:ehic:1, specs/ehic-sd-jwt-vc.md)."));
        issue.Subcommands.Add(CreateIssue(console, time, WalletCredentialType.IsiPlus, "Issue a Belgian ISI+ card as SD-JWT VC (vct urn:credentials:isi:1, specs/isi-sd-jwt-vc.md)."));
        wallet.Subcommands.Add(issue);
        wallet.Subcommands.Add(WalletPresentCommand.Create(console, time));
        wallet.Subcommands.Add(WalletVerifyCommand.Create(console, time));
        return wallet;
    }

    private static Command CreateIssue(CliConsole console, TimeProvider time, WalletCredentialType type, string description)
    {
        var request = new Option<string>("--request") { Description = $"The request, as for `credentials issue {type.RequestMember}`: JSON with {type.RequestMember}{{...}}, optional jti and rid; di defaults to today; - reads standard input.", Required = true };
        var signing = new SigningKeyOptions("The signing key, of a certificate the registry links to the institution:");
        var holder = new Option<string>("--holder-jwk") { Description = "The holder's public key as a JWK (EC P-256 or RSA), bound as cnf.jwk.", Required = true };
        var issuer = new Option<string?>("--issuer") { Description = "The iss claim: the credential issuer's identifier, a URI (default urn:eessi:CC:ID, the institution)." };
        var store = new Option<string?>("--store") { Description = "The issuer database (an SQLite file, or a PostgreSQL connection string): the document is recorded once by its jti, and the credential against it." };
        var statusList = new Option<string?>("--status-list") { Description = "With --store: the status list configuration (credentials status create) to allocate the credential's entry under. Without it the credential has no status claim and lives 24 hours." };
        var validDays = new Option<int?>("--valid-days") { Description = "With a status list: days the credential may be used (exp; default 90, never past the document's expiry)." };
        var variant = new Option<string?>("--schema-variant") { Description = "Where the issuing state goes: 'deployed' (issuing_country, the default) or 'dc4eu' (issuing_authority.country)." };
        var output = new Option<string>("--out") { Description = "Write the SD-JWT VC here (- for standard output, the default).", DefaultValueFactory = _ => "-" };
        var command = new Command(type.RequestMember, description + " Exit 0 issued, 1 refused, 2 unusable input.")
        {
            request, holder, issuer, store, statusList, validDays, output,
        };
        if (type == WalletCredentialType.Ehic)
        {
            command.Options.Add(variant);
        }

        signing.AddTo(command);

        command.SetAction(parse =>
        {
            var storePath = parse.GetValue(store);
            var statusName = parse.GetValue(statusList);
            if (statusName is not null && storePath is null)
            {
                throw new CliException("--status-list: the status lists are kept in the issuer database; give --store too.");
            }

            var days = parse.GetValue(validDays);
            if (days is not null && statusName is null)
            {
                throw new CliException("--valid-days: without a status list a credential lives 24 hours; give --status-list to choose a longer validity.");
            }

            if (days is < 1 or > 3650)
            {
                throw new CliException("--valid-days: 1 to 3650 days.");
            }

            var schema = (type == WalletCredentialType.Ehic ? parse.GetValue(variant) : null) switch
            {
                null or "deployed" => EhicSchemaVariant.Deployed,
                "dc4eu" => EhicSchemaVariant.Dc4eu,
                _ => throw new CliException("--schema-variant: 'deployed' or 'dc4eu'."),
            };

            var requestBytes = WalletCommandFiles.Read(parse.GetValue(request)!, "request file", console);
            using var holderKey = WalletCommandFiles.ReadHolderJwk(parse.GetValue(holder)!, console);
            using var signer = signing.Load(parse, console);
            var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), time.LocalTimeZone).DateTime);
            var read = QrPayloadReader.Read(requestBytes, PayloadReadMode.Request, today);
            foreach (var finding in read.Findings)
            {
                console.Error.WriteLine($"{(finding.IsBlocking ? "error" : "warning")}: {finding}");
            }

            if (read.Findings.Any(f => f.Code == FindingCode.RequestNotJson))
            {
                return ExitCodes.UnusableInput;
            }

            if (read.Payload is not { } payload)
            {
                console.Error.WriteLine($"The request was refused: {read.Findings.Count(f => f.IsBlocking)} problem(s), listed above.");
                return ExitCodes.Rejected;
            }

            var member = payload.Document.Match(_ => "prc", _ => "ehic", _ => "isi");
            if (member != type.RequestMember)
            {
                throw new CliException(member == "prc"
                    ? $"the request holds 'prc{{…}}': {WalletCredentialType.ForDocument(payload.Document, out var refusal) ?? (object?)refusal}"
                    : $"the request holds '{member}{{…}}': use `credentials wallet issue {member}`.");
            }

            // The document's id is its jti; a request without one gets a new one, as the document is issued now.
            if (payload.TokenId is null)
            {
                payload = new QrTokenPayload(payload.Document, Guid.NewGuid().ToString(), payload.RevocationList);
            }

            var walletIssuer = new WalletCredentialIssuer(signer, time, new WalletIssuerOptions
            {
                Issuer = parse.GetValue(issuer) ?? $"urn:eessi:{payload.Document.Institution.Id}",
                EhicVariant = schema,
            });
            var lifetime = TimeSpan.FromDays(days ?? 90);
            var issuance = storePath is null
                ? walletIssuer.Issue(new WalletIssueRequest { Document = payload.Document, DocumentId = payload.TokenId!, HolderKey = holderKey, Lifetime = lifetime })
                : WalletCommandFiles.Store(() => Mint(storePath, time, payload, walletIssuer, holderKey, statusName, lifetime));

            foreach (var finding in issuance.Findings)
            {
                console.Error.WriteLine($"{(finding.IsBlocking ? "error" : "warning")}: {finding}");
            }

            if (issuance.Credential is not { } credential)
            {
                console.Error.WriteLine($"The credential was refused: {issuance.Findings.Count(f => f.IsBlocking)} problem(s), listed above.");
                return ExitCodes.Rejected;
            }

            var status = credential.Status is { } entry ? $"status list entry {entry.Index} of {entry.List}" : "no status list (valid 24 hours)";
            console.Error.WriteLine($"Issued an {type.Name} wallet credential ({type.Vct}) for {payload.Document.Institution.Id}, credential id {credential.CredentialId}, document {payload.TokenId}; {status}; expires {credential.ExpiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
            WalletCommandFiles.Write(parse.GetValue(output)!, credential.SdJwt, "SD-JWT VC", console);
            return ExitCodes.Success;
        });
        return command;
    }

    private static WalletIssuance Mint(string storePath, TimeProvider time, QrTokenPayload payload, WalletCredentialIssuer issuer, Wallet.Jose.PublicJwk holderKey, string? statusName, TimeSpan lifetime)
    {
        using var documents = IssuedDocumentStore.Open(storePath, time);
        using var statusLists = StatusListDatabase.Open(storePath, time);

        // Issued once: a new document is checked and recorded as issued; one recorded under this jti must be this one.
        if (documents.FindDocument(payload.TokenId!) is null && payload.CheckRules() is var rules && rules.Any(f => f.IsBlocking))
        {
            return new WalletIssuance(null, rules);
        }

        documents.RecordDocument(payload);
        return new DocumentChannels(documents, statusLists, time).Mint(payload.TokenId!, issuer, holderKey, statusName, lifetime);
    }
}
