using System.CommandLine;
using Credentials.Cli.Output;
using Credentials.Scanning;
using Credentials.Status;
using Credentials.Verification;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.StatusLists;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials wallet verify F --registry … [--offline] [--aud A --nonce N] [--require-key-binding]
/// [--treatment-date D] [--lang L] [--format text|json] [--out F]</c>: a wallet presentation verified against the same
/// trust registry as <c>verify</c>, with the same exit codes and a report in export schema 2.0.
/// </summary>
internal static class WalletVerifyCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var input = new Argument<string>("presentation") { Description = "The SD-JWT VC presentation (a file, or - for standard input)." };
        var registry = new Option<string>("--registry") { Description = "The trust registry, as for `credentials verify`: a registry database, a signed snapshot (with --operator-cert) or a resolver-shaped JSON list; a file or an http(s) address.", Required = true };
        var offline = new Option<bool>("--offline") { Description = "Do not download status lists: the status step says it was not checked." };
        var audience = new Option<string?>("--aud") { Description = "This verifier's identifier, the Key Binding JWT's aud (with --nonce)." };
        var nonce = new Option<string?>("--nonce") { Description = "The nonce this verifier gave for the presentation (with --aud)." };
        var requireKeyBinding = new Option<bool>("--require-key-binding") { Description = "Reject a presentation without a Key Binding JWT (needs --aud and --nonce). Without it, one without Key Binding is accepted and the report says so." };
        var treatmentDate = new Option<string?>("--treatment-date") { Description = "The date of treatment, YYYY-MM-DD (default: today)." };
        var language = new Option<string?>("--lang") { Description = "The language of the report and the export: en, nl, fr or de (default en). Names, codes and results are the same in every language." };
        var format = new Option<string>("--format") { Description = "The report on standard output: text or json (export schema 2.0).", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var output = new Option<string?>("--out") { Description = "Also write the JSON export (schema 2.0, specs/verification-export.md) to this file." };
        var verifierName = new Option<string?>("--verifier-name") { Description = "Who verifies, recorded in the export (e.g. the hospital's name)." };
        var operatorCert = new Option<string?>("--operator-cert") { Description = "With a signed snapshot as --registry: the registry operator's certificate, which must have signed it." };
        var trustAsOf = new Option<string?>("--trust-as-of") { Description = "With a resolver-shaped JSON list as --registry: when it was fetched (YYYY-MM-DDTHH:MM:SSZ)." };
        var command = new Command("verify", "Verify an SD-JWT VC presentation of an eEHIC or an ISI+ card: signature and trust, disclosures, key binding, validity, coverage and status. Exit 0 approved, 1 rejected, 2 unusable input.")
        {
            input, registry, offline, audience, nonce, requireKeyBinding, treatmentDate, language, format, output, verifierName, operatorCert, trustAsOf,
        };

        command.SetAction(async (parse, cancellation) =>
        {
            var date = CommandValues.ParseDate(parse.GetValue(treatmentDate), "--treatment-date");
            var lang = parse.GetValue(language) is { } code ? CommandValues.Labels(code, "--lang").Code : Labels.MessageCatalog.DefaultLanguage;
            var expectation = KeyBinding(parse.GetValue(audience), parse.GetValue(nonce), parse.GetValue(requireKeyBinding));
            var listFetchedAt = CommandValues.ParseTrustAsOf(parse.GetValue(trustAsOf), time);
            var presentation = ReadPresentation(parse.GetValue(input)!, console);

            using var http = new HttpClient();
            var trust = RegistryCommand.Load(parse.GetValue(registry)!, parse.GetValue(operatorCert), null, listFetchedAt, http, time);
            IStatusChecker status = parse.GetValue(offline) ? StatusCheckers.Offline : new StatusCheckers(new TokenStatusListChecker(http, trust, time));
            var verifier = new WalletCredentialVerifier(trust, time, status, new WalletVerifierOptions { RequireKeyBinding = parse.GetValue(requireKeyBinding) });
            var report = await verifier.VerifyAsync(presentation, expectation, date, cancellation).ConfigureAwait(false);
            var record = report.ToRecord(presentation, parse.GetValue(verifierName));
            var json = VerificationExportV2.ToJson(record, language: lang);
            console.Out.WriteLine(parse.GetValue(format) == "json" ? json : RecordPrinter.Format(record, lang));
            if (parse.GetValue(output) is { } path)
            {
                CommandValues.WriteText(path, json + "\n");
                console.Error.WriteLine($"Export written to {path}");
            }

            return report.IsApproved ? ExitCodes.Success : ExitCodes.Rejected;
        });
        return command;
    }

    /// <summary>The audience and nonce to expect: both or neither, and both when Key Binding is required.</summary>
    private static KeyBindingExpectation? KeyBinding(string? audience, string? nonce, bool required)
    {
        if ((audience is null) != (nonce is null))
        {
            throw new CliException("--aud and --nonce go together: give both to check a Key Binding JWT, or neither.");
        }

        if (audience is null || nonce is null)
        {
            return required ? throw new CliException("--require-key-binding: give --aud and --nonce, the audience and nonce the Key Binding JWT must carry.") : null;
        }

        if (string.IsNullOrWhiteSpace(audience) || string.IsNullOrWhiteSpace(nonce) || audience.Any(char.IsControl) || nonce.Any(char.IsControl) || audience.Length > 2048 || nonce.Length > 2048)
        {
            throw new CliException("--aud and --nonce: not blank, no control characters, at most 2048 characters.");
        }

        return new KeyBindingExpectation(audience, nonce);
    }

    /// <summary>The presentation from a file or standard input, recognised by its shape as <c>verify</c> recognises its input; anything else is one line.</summary>
    private static string ReadPresentation(string path, CliConsole console) => VerifierInput.Read(WalletCommandFiles.Read(path, "presentation", console)) switch
    {
        SdJwtPresentationInput presentation => presentation.Presentation,

        // RFC 9901 §4: an SD-JWT has at least one '~'; a JWT alone is not one, whatever it holds.
        RefusedInput { Refusal: InputRefusal.CompactJws } => throw new CliException("this is a bare JWT (no '~'), not an SD-JWT: give the presentation the wallet made (credentials wallet present)."),
        RefusedInput { Refusal: InputRefusal.Empty } => throw new CliException("the presentation is empty: give the SD-JWT VC presentation the wallet made."),
        QrCodeInput => throw new CliException("this is a QR code's text, image or PDF, not an SD-JWT presentation: use `credentials verify`."),
        RefusedInput refused => throw new CliException(refused.Reason),
        var other => throw new InvalidOperationException($"an input of kind {other.Kind} has no case here."),
    };
}
