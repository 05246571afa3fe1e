using System.CommandLine;
using Credentials.Documents;
using Credentials.Issuance;
using Credentials.Issuance.Keys;
using Credentials.Model;
using Credentials.QrImaging;

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
        issue.Subcommands.Add(CreatePrc(console, time, ehic: false));
        issue.Subcommands.Add(CreatePrc(console, time, ehic: true));
        issue.Subcommands.Add(BatchCommand.Create(console, time));
        return issue;
    }

    private static Command CreatePrc(CliConsole console, TimeProvider time, bool ehic)
    {
        var member = ehic ? "ehic" : "prc";
        var request = new Option<string>("--request") { Description = $"The request: JSON with the payload's field names ({member}{{...}}, optional jti, rid; di defaults to today).", Required = true };
        var signing = new SigningKeyOptions();
        var outToken = new Option<string?>("--out-token") { Description = "Write the compact JWS here." };
        var outQrText = new Option<string?>("--out-qr-text") { Description = "Write the QR text (Base45) here." };
        var outPng = new Option<string?>("--out-png") { Description = "Write the QR code as PNG here." };
        var outSvg = new Option<string?>("--out-svg") { Description = "Write the QR code as SVG here." };
        var outPdf = new Option<string?>("--out-pdf") { Description = ehic ? "Write the printable card (PDF, two ID-1 pages: front and the QR) here." : "Write the printable certificate (PDF, A4) here." };
        var language = CommandValues.LanguageOption();

        var command = new Command(member, ehic
            ? "Issue an eEHIC (our provisional profile, specs/ehic-token.md): validate the request, sign it, write the token, QR text, QR images and the card. Exit 0 issued, 1 refused, 2 unusable input."
            : "Issue an ePRC: validate the request, sign it, and write the token, QR text, QR images and the certificate. Exit 0 issued, 1 refused, 2 unusable input.")
        {
            request, outToken, outQrText, outPng, outSvg, outPdf, language,
        };
        signing.AddTo(command);

        command.SetAction(parse =>
        {
            var labels = CommandValues.Labels(parse.GetValue(language));
            var requestBytes = CommandValues.ReadFile(parse.GetValue(request)!, MaxRequestBytes, "request file");
            using var identity = signing.Load(parse);
            using var issuer = new PrcIssuer(identity, time);
            var result = issuer.Issue(requestBytes);
            foreach (var finding in result.Findings)
            {
                console.Error.WriteLine($"{(finding.IsBlocking ? "error" : "warning")}: {finding}");
            }

            if (result.Document is { } issued && issued.Payload.IsEhic != ehic)
            {
                throw new CliException($"the request holds '{(issued.Payload.IsEhic ? "ehic" : "prc")}': use `credentials issue {(issued.Payload.IsEhic ? "ehic" : "prc")}`.");
            }

            if (result.Document is not { } document)
            {
                console.Error.WriteLine($"The request was refused: {result.Errors.Count()} problem(s), listed above.");
                return ExitCodes.Rejected;
            }

            var written = WriteOutputs(parse.GetValue(outToken), parse.GetValue(outQrText), parse.GetValue(outPng), parse.GetValue(outSvg), document);
            if (parse.GetValue(outPdf) is { } pdf)
            {
                CommandValues.WriteFile(pdf, ehic
                    ? EhicPdf.Create(document.Payload.Prc, document.QrText, labels, time.GetUtcNow())
                    : PrcPdf.Create(document.Payload.Prc, document.QrText, labels, time.GetUtcNow()));
                written.Add($"PDF ({labels.Language}) written to {pdf}");
            }

            using var symbol = QrCodeWriter.Encode(document.QrText);
            console.Error.WriteLine($"Issued an {document.Payload.DocumentName} for {document.Payload.Prc.Institution} signed {issuer.Algorithm} ({issuer.KeyId}); token {document.Token.Length} characters, QR text {document.QrText.Length}, QR version {symbol.Version}.");
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

    private static List<string> WriteOutputs(string? token, string? qrText, string? png, string? svg, IssuedPrc document)
    {
        var written = new List<string>();
        if (token is not null)
        {
            CommandValues.WriteText(token, document.Token);
            written.Add($"Token written to {token}");
        }

        if (qrText is not null)
        {
            CommandValues.WriteText(qrText, document.QrText);
            written.Add($"QR text written to {qrText}");
        }

        if (png is not null)
        {
            CommandValues.WriteFile(png, QrCodeWriter.ToPng(document.QrText));
            written.Add($"QR PNG written to {png}");
        }

        if (svg is not null)
        {
            CommandValues.WriteText(svg, QrCodeWriter.ToSvg(document.QrText));
            written.Add($"QR SVG written to {svg}");
        }

        return written;
    }
}
