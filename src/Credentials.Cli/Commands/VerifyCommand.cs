using System.CommandLine;
using Credentials.Printing;
using Credentials.Cli.Output;
using Credentials.Scanning;
using Credentials.Revocation;
using Credentials.Verification;

namespace Credentials.Cli.Commands;

/// <summary><c>credentials verify INPUT --registry F [--treatment-date D] [--format text|json] [--export F] [--export-version 1|2] [--export-pdf F] [--lang L]</c>.</summary>
internal static class VerifyCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var input = new Argument<string>("INPUT") { Description = "The QR text (a file, or - for standard input), a PNG or JPEG photo of the QR code, or the PDF." };
        var registry = new Option<string>("--registry") { Description = "The trust registry: a registry database (credentials registry import), a signed snapshot (with --operator-cert), or a resolver-shaped JSON list (specs/trust-registry.md); a file or an http(s) address.", Required = true };
        var treatmentDate = new Option<string?>("--treatment-date") { Description = "The date of treatment, YYYY-MM-DD (default: today)." };
        var format = new Option<string>("--format") { Description = "The report on standard output: text or json.", DefaultValueFactory = _ => "text" };
        format.AcceptOnlyFromAmong("text", "json");
        var export = new Option<string?>("--export") { Description = "Also write the JSON export (specs/verification-export.md) to this file." };
        var exportVersion = new Option<int>("--export-version") { Description = "The JSON export's schema: 1 (specs/schemas/verification-export-1.0.schema.json, the default) or 2 (the schema shared with wallet presentations: input kind, key reference, steps by name).", DefaultValueFactory = _ => 1 };
        exportVersion.AcceptOnlyFromAmong("1", "2");
        var exportPdf = new Option<string?>("--export-pdf") { Description = "Also write the export as a PDF to this file; with several codes, one file each (-2, -3, … before the extension)." };
        var language = new Option<string?>("--lang") { Description = $"The language of the report, the JSON export and the export PDF: {string.Join(", ", Printing.DocumentLabels.Languages.Order(StringComparer.Ordinal))} (default: English for the report and the JSON; for the PDF the issuing state's language, English where it has several). Codes and results are the same in every language." };
        var verifierName = new Option<string?>("--verifier-name") { Description = "Who verifies, recorded in the export (e.g. the hospital's name)." };
        var offline = new Option<bool>("--offline") { Description = "Do not download revocation lists: a list kept from the last 24 hours is used, else step 6 says it was not checked." };
        var operatorCert = new Option<string?>("--operator-cert") { Description = "With a signed snapshot as --registry: the registry operator's certificate, which must have signed it." };
        var trustState = new Option<string?>("--trust-state") { Description = "Where the highest snapshot sequence accepted is kept (default: trust-state.json in the user's data folder)." };
        var trustAsOf = new Option<string?>("--trust-as-of") { Description = "With a resolver-shaped JSON list as --registry: when it was fetched (YYYY-MM-DDTHH:MM:SSZ); without it, the trust data's age is unknown (a warning)." };

        var command = new Command("verify", "Verify the QR code of an ePRC, an eEHIC or an ISI+ card in the eight steps of the EC specification. Exit 0 approved, 1 rejected, 2 unusable input.")
        {
            input, registry, treatmentDate, format, export, exportVersion, exportPdf, language, verifierName, offline, operatorCert, trustState, trustAsOf,
        };

        command.SetAction(async (parse, cancellation) =>
        {
            var date = CommandValues.ParseDate(parse.GetValue(treatmentDate), "--treatment-date");
            var labels = parse.GetValue(language) is { } lang ? CommandValues.Labels(lang, "--lang") : null;
            var listFetchedAt = CommandValues.ParseTrustAsOf(parse.GetValue(trustAsOf), time);
            var texts = ReadQrTexts(parse.GetValue(input)!, console, out var inputKind);
            using var http = new HttpClient();
            var trust = RegistryCommand.Load(parse.GetValue(registry)!, parse.GetValue(operatorCert), parse.GetValue(trustState), listFetchedAt, http, time);
            var revocation = new RevocationListChecker(parse.GetValue(offline) ? null : http, trust, time, new RevocationCheckerOptions
            {
                Offline = parse.GetValue(offline),
                CacheFolder = Path.Combine(CliFolders.Data, "revocation-lists"),
            });
            var verifier = new QrTokenVerifier(trust, time, revocation, new VerifierOptions { VerifierName = parse.GetValue(verifierName) });
            var reports = new List<VerificationReport>(texts.Count);
            foreach (var text in texts)
            {
                reports.Add(await verifier.VerifyAsync(text, date, cancellation).ConfigureAwait(false));
            }

            var pdfFiles = parse.GetValue(exportPdf) is { } pdfPath ? WriteExportPdfs(pdfPath, reports, labels, console) : null;
            var json = parse.GetValue(format) == "json";
            // --lang applies to all three; without it the report and the JSON are in English, each PDF in its document's language.
            var reportLabels = labels ?? Printing.DocumentLabels.Get(Printing.DocumentLabels.DefaultLanguage);
            var version2 = parse.GetValue(exportVersion) == 2;
            string ExportOf(int i) => version2
                ? VerificationExportV2.ToJson(VerificationRecord.FromQr(reports[i], inputKind), pdfFiles is null ? null : Path.GetFileName(pdfFiles[i]), reportLabels.Code)
                : VerificationExport.ToJson(reports[i], pdfFiles is null ? null : Path.GetFileName(pdfFiles[i]), reportLabels.Code);
            var exports = reports.Select((_, i) => ExportOf(i)).ToList();
            var exportJson = exports.Count == 1 ? exports[0] : version2 ? VerificationExportV2.ListToJson(exports) : VerificationExport.ListToJson(exports);
            console.Out.WriteLine(json ? exportJson : string.Join(Environment.NewLine, reports.Select(r => ReportPrinter.Format(r, reportLabels))));
            if (parse.GetValue(export) is { } exportPath)
            {
                CommandValues.WriteText(exportPath, exportJson + "\n");
                console.Error.WriteLine($"Export written to {exportPath}");
            }

            return reports.All(r => r.IsApproved) ? ExitCodes.Success : ExitCodes.Rejected;
        });
        return command;
    }

    /// <summary>One export PDF per report: the path itself for one, numbered beside it for several.</summary>
    private static List<string> WriteExportPdfs(string path, List<VerificationReport> reports, Printing.DocumentLabels? labels, CliConsole console)
    {
        var files = new List<string>();
        for (var i = 0; i < reports.Count; i++)
        {
            var file = i == 0 ? path : Path.Combine(Path.GetDirectoryName(path) ?? string.Empty, $"{Path.GetFileNameWithoutExtension(path)}-{i + 1}{Path.GetExtension(path)}");
            var language = labels ?? VerificationExportPdf.LabelsFor(reports[i]);
            CommandValues.WriteFile(file, VerificationExportPdf.Create(reports[i], language));
            console.Error.WriteLine($"Export PDF ({language.Language}) written to {file}");
            files.Add(file);
        }

        return files;
    }

    /// <summary>
    /// The QR texts in the input: one from a text file or standard input, every code from an image or a PDF. What the
    /// input is comes from its content (<see cref="VerifierInput.Read"/>), returned as <paramref name="kind"/> for export schema 2.0; anything else ends with exit 2 and one line.
    /// </summary>
    internal static IReadOnlyList<string> ReadQrTexts(string input, CliConsole console, out ExportInputKind kind)
    {
        byte[] bytes;
        if (input == "-")
        {
            using var stdin = console.OpenInput();
            using var buffer = new MemoryStream();
            var chunk = new byte[8192];
            int read;
            while ((read = stdin.Read(chunk)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > VerifierInput.MaxBytes)
                {
                    throw new CliException($"standard input holds more than the {VerifierInput.MaxBytes} bytes accepted.");
                }
            }

            bytes = buffer.ToArray();
        }
        else
        {
            bytes = CommandValues.ReadFile(input, VerifierInput.MaxBytes, "input file");
        }

        var recognised = VerifierInput.Read(bytes);
        kind = recognised.Kind switch
        {
            InputKind.PngImage or InputKind.JpegImage => ExportInputKind.Image,
            InputKind.Pdf => ExportInputKind.Pdf,
            _ => ExportInputKind.QrText,
        };
        return recognised switch
        {
            QrCodeInput codes => codes.QrTexts,
            SdJwtPresentationInput => throw new CliException("this is an SD-JWT presentation: use `credentials wallet verify`"),
            RefusedInput refused => throw new CliException(refused.Reason),
            var other => throw new InvalidOperationException($"an input of kind {other.Kind} has no case here."),
        };
    }
}
