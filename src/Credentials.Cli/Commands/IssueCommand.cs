using System.CommandLine;
using Credentials.Printing;
using Credentials.Issuance;
using Credentials.Documents;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Cli.Commands;

/// <summary><c>credentials issue prc --request F --key F --cert F [--password P] [--out-token F] [--out-qr-text F] [--out-png F] [--out-svg F] [--out-pdf F] [--lang en|nl|fr|de]</c>.</summary>
internal static class IssueCommand
{
    /// <summary>The password may come from the environment instead of the command line, where other users can see it.</summary>
    public const string PasswordVariable = "CREDENTIALS_KEY_PASSWORD";

    private const long MaxRequestBytes = 64 * 1024;

    public static Command Create(CliConsole console, TimeProvider time)
    {
        var issue = new Command("issue", "Issue a signed document.");
        issue.Subcommands.Add(CreateDocument(console, time, "prc", "Issue an ePRC: validate the request, sign it, and write the token, QR text, QR images and the certificate (A4)."));
        issue.Subcommands.Add(CreateDocument(console, time, "ehic", "Issue an eEHIC (our provisional profile, specs/ehic-token.md): validate the request, sign it, and write the token, QR text, QR images and the card (ID-1, two pages)."));
        issue.Subcommands.Add(CreateDocument(console, time, "isi", "Issue a Belgian ISI+ card (our profile, specs/isi-token.md; xd defaults to the ISI+ validity rule): validate the request, sign it, and write the token, QR text, QR images and the card (ID-1, two pages)."));
        issue.Subcommands.Add(BatchCommand.Create(console, time));
        return issue;
    }

    private static Command CreateDocument(CliConsole console, TimeProvider time, string member, string description)
    {
        var request = new Option<string>("--request") { Description = $"The request: JSON with the payload's field names ({member}{{...}}, optional jti, rid; di defaults to today).", Required = true };
        var signing = new SigningKeyOptions();
        var outToken = new Option<string?>("--out-token") { Description = "Write the compact JWS here (- for standard output)." };
        var outQrText = new Option<string?>("--out-qr-text") { Description = "Write the QR text (Base45) here (- for standard output)." };
        var outPng = new Option<string?>("--out-png") { Description = "Write the QR code as PNG here (- for standard output)." };
        var outSvg = new Option<string?>("--out-svg") { Description = "Write the QR code as SVG here (- for standard output)." };
        var outPdf = new Option<string?>("--out-pdf") { Description = member == "prc" ? "Write the printable certificate (PDF, A4) here." : "Write the printable card (PDF, two ID-1 pages: front and the QR) here." };
        var language = CommandValues.LanguageOption();

        var command = new Command(member, description + " Exit 0 issued, 1 refused, 2 unusable input.")
        {
            request, outToken, outQrText, outPng, outSvg, outPdf, language,
        };
        signing.AddTo(command);

        command.SetAction(parse =>
        {
            // Standard output takes one file: two written there would be one stream of both, unusable.
            var toStandardOutput = new[] { outToken, outQrText, outPng, outSvg, outPdf }.Where(o => parse.GetValue(o) == "-").Select(o => o.Name).ToList();
            if (toStandardOutput.Count > 1)
            {
                throw new CliException($"{string.Join(", ", toStandardOutput)}: only one output may go to standard output (-); write the others to files.");
            }

            var labels = CommandValues.Labels(parse.GetValue(language));
            var requestBytes = CommandValues.WithoutByteOrderMark(CommandValues.ReadFile(parse.GetValue(request)!, MaxRequestBytes, "request file"));
            using var signer = signing.Load(parse, console);
            var issuer = new QrTokenIssuer(signer, time);

            // The request is read first, so a request for another kind of document is refused before anything is signed.
            var read = QrPayloadReader.Read(requestBytes, PayloadReadMode.Request, issuer.Today);
            if (read.Payload is { } payload && MemberOf(payload.Document) != member)
            {
                throw new CliException($"the request holds '{MemberOf(payload.Document)}{{…}}': use `credentials issue {MemberOf(payload.Document)}`.");
            }

            var result = read.Payload is { } valid ? issuer.Issue(valid) : new IssuanceResult(null, read.Findings);
            if (read.Payload is not null && read.Findings.Count > 0)
            {
                result = result with { Findings = [.. read.Findings, .. result.Findings] };
            }

            foreach (var finding in result.Findings)
            {
                console.Error.WriteLine($"{(finding.IsBlocking ? "error" : "warning")}: {finding}");
            }

            if (result.Findings.Any(f => f.Code == FindingCode.RequestNotJson))
            {
                // Not a request at all: unusable input, like a file that does not exist.
                return ExitCodes.UnusableInput;
            }

            if (result.Document is not { } document)
            {
                console.Error.WriteLine($"The request was refused: {result.Errors.Count()} problem(s), listed above.");
                return ExitCodes.Rejected;
            }

            var written = WriteOutputs(parse.GetValue(outToken), parse.GetValue(outQrText), parse.GetValue(outPng), parse.GetValue(outSvg), document, console);
            if (parse.GetValue(outPdf) is { } pdf)
            {
                CommandValues.WriteFile(pdf, DocumentPdf.Create(document.Document, document.QrText, labels, time.GetUtcNow()), console);
                written.Add($"PDF ({labels.Language}) written to {Where(pdf)}");
            }

            using var symbol = QrCodeWriter.Encode(document.QrText);
            console.Error.WriteLine($"Issued an {document.Document.Name} for {document.Document.Institution.Id} signed {issuer.Algorithm} ({issuer.KeyId}); token {document.Token.Length} characters, QR text {document.QrText.Length}, QR version {symbol.Version}.");
            if (written.Count == 0)
            {
                console.Out.WriteLine(document.QrText);
            }
            else
            {
                foreach (var line in written)
                {
                    console.Error.WriteLine(line);
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static string MemberOf(HealthInsuranceDocument document) => document.Match(_ => "prc", _ => "ehic", _ => "isi");

    private static string Where(string path) => path == "-" ? "standard output" : path;

    private static List<string> WriteOutputs(string? token, string? qrText, string? png, string? svg, IssuedQrToken document, CliConsole console)
    {
        var written = new List<string>();
        if (token is not null)
        {
            CommandValues.WriteText(token, document.Token + (token == "-" ? "\n" : string.Empty), console);
            written.Add($"Token written to {Where(token)}");
        }

        if (qrText is not null)
        {
            CommandValues.WriteText(qrText, document.QrText + (qrText == "-" ? "\n" : string.Empty), console);
            written.Add($"QR text written to {Where(qrText)}");
        }

        if (png is not null)
        {
            CommandValues.WriteFile(png, QrCodeWriter.ToPng(document.QrText), console);
            written.Add($"QR PNG written to {Where(png)}");
        }

        if (svg is not null)
        {
            CommandValues.WriteText(svg, QrCodeWriter.ToSvg(document.QrText), console);
            written.Add($"QR SVG written to {Where(svg)}");
        }

        return written;
    }
}
