using System.CommandLine;
using System.Text;
using Credentials.Cli.Output;
using Credentials.Printing;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Scanning;
using Credentials.Trust;
using Credentials.Verification;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials demo [--out DIR]</c>: the whole path on embedded defaults. A throwaway PKI and registry, a sample
/// PRC issued, its QR image written and read back, verified, and the report printed; the same holder's eEHIC issued
/// as a wallet credential, presented with key binding and verified. No private key is written.
/// </summary>
internal static class DemoCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var output = new Option<string?>("--out") { Description = "The folder for the demo's files (default: a new folder in the system's temporary folder)." };
        var command = new Command("demo", "Issue a sample ePRC with a throwaway test PKI, read its QR image back, verify it and print the report; issue, present and verify the same holder's eEHIC as a wallet credential.") { output };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(output), console, time, cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string? folder, CliConsole console, TimeProvider time, CancellationToken cancellation)
    {
        folder = folder is null
            ? CommandValues.OutputFolder(Path.Combine(Path.GetTempPath(), "credentials-demo-" + time.GetUtcNow().ToString("yyyyMMdd-HHmmss", System.Globalization.CultureInfo.InvariantCulture)), "the demo")
            : CommandValues.OutputFolder(folder, "--out");
        var today = DateOnly.FromDateTime(time.GetLocalNow().DateTime);

        using var scenario = DemoScenario.Create(today);
        var request = scenario.SampleRequestJson();
        var issuer = new QrTokenIssuer(scenario.Signer, time);
        var issued = issuer.Issue(Encoding.UTF8.GetBytes(request));
        if (issued.Document is not { } document)
        {
            throw new InvalidOperationException("the demo request was refused: " + string.Join("; ", issued.Errors));
        }

        var files = new Dictionary<string, string>
        {
            ["request.json"] = request,
            ["registry.json"] = ResolverListFormat.WriteToString([scenario.Issuer]),
            ["signer.cert.pem"] = scenario.Signer.Certificate.ExportCertificatePem(),
            ["token.jwt"] = document.Token,
            ["qr.base45.txt"] = document.QrText,
            ["qr.svg"] = QrCodeWriter.ToSvg(document.QrText),
        };
        foreach (var (name, content) in files)
        {
            CommandValues.WriteText(Path.Combine(folder, name), content);
        }

        var pngPath = Path.Combine(folder, "qr.png");
        CommandValues.WriteFile(pngPath, QrCodeWriter.ToPng(document.QrText));
        var card = issuer.Issue(Encoding.UTF8.GetBytes(scenario.SampleEhicRequestJson())).Document
            ?? throw new InvalidOperationException("the demo eEHIC request was refused.");
        CommandValues.WriteFile(Path.Combine(folder, "ehic.pdf"), DocumentPdf.Create(card.Document, card.QrText, DocumentLabels.Get(DocumentLabels.DefaultLanguage), time.GetUtcNow()));
        var isi = issuer.Issue(Encoding.UTF8.GetBytes(DemoScenario.SampleIsiPlusRequestJson())).Document
            ?? throw new InvalidOperationException("the demo ISI+ request was refused.");
        CommandValues.WriteFile(Path.Combine(folder, "isi.pdf"), DocumentPdf.Create(isi.Document, isi.QrText, DocumentLabels.Get(DocumentLabels.DefaultLanguage), time.GetUtcNow()));
        var pdfPath = Path.Combine(folder, "eprc.pdf");
        CommandValues.WriteFile(pdfPath, DocumentPdf.Create(document.Document, document.QrText, DocumentLabels.Get(DocumentLabels.DefaultLanguage), time.GetUtcNow()));

        // Read the QR back from the PDF file itself, as a hospital receiving it by e-mail would, and verify it.
        var scanned = PdfQrReader.ReadAll(File.ReadAllBytes(pdfPath))[0];
        if (scanned != QrCodeReader.Read(File.ReadAllBytes(pngPath)))
        {
            throw new InvalidOperationException("the QR image and the PDF hold different QR texts.");
        }

        // The demo wrote the registry file a moment ago, so it states that as the trust data's age (a resolver list
        // carries no date of its own). It verifies offline: the sample's revocation list address is an example.
        var registry = new TrustRegistry(ResolverListFormat.Read(File.ReadAllBytes(Path.Combine(folder, "registry.json"))), time.GetUtcNow());
        var verifier = new QrTokenVerifier(registry, time, options: new VerifierOptions { VerifierName = "credentials demo" });
        var report = verifier.VerifyOffline(scanned, today);
        var exportPath = Path.Combine(folder, "report.json");
        var exportPdfPath = Path.Combine(folder, "report.pdf");
        CommandValues.WriteFile(exportPdfPath, VerificationExportPdf.Create(report));
        CommandValues.WriteText(exportPath, VerificationExport.ToJson(report, Path.GetFileName(exportPdfPath)) + "\n");
        var wallet = await DemoWallet.RunAsync(folder, scenario, registry, card, time, cancellation).ConfigureAwait(false);

        console.Out.WriteLine($"Issued a sample ePRC for {DemoScenario.Institution} ({DemoScenario.InstitutionName}), signed {issuer.Algorithm} with a throwaway test key.");
        console.Out.WriteLine($"Printed it to {pdfPath}, read its QR code back from that PDF and verified it:");
        console.Out.WriteLine();
        console.Out.Write(ReportPrinter.Format(report));
        console.Out.WriteLine();
        console.Out.WriteLine($"Files in {Path.GetFullPath(folder)}: {string.Join(", ", files.Keys.Concat(["qr.png", "eprc.pdf", "ehic.pdf", "isi.pdf", "report.json", "report.pdf", "holder.jwk.json", "wallet-ehic.sdjwt", "wallet-presentation.txt", "wallet-report.json"]).Order(StringComparer.Ordinal))}");
        console.Out.WriteLine($"The verification export is {exportPdfPath} (PDF) and {exportPath} (JSON); the same holder's eEHIC card is {Path.Combine(folder, "ehic.pdf")}, and a child's ISI+ card {Path.Combine(folder, "isi.pdf")}.");
        console.Out.WriteLine($"Verify again: credentials verify {pdfPath} --registry {Path.Combine(folder, "registry.json")} --offline");
        console.Out.WriteLine();
        console.Out.WriteLine($"Issued the same holder's eEHIC as a wallet credential (SD-JWT VC) to the sample holder key, presented it with key binding (the card number only) and verified it:");
        console.Out.WriteLine();
        console.Out.Write(RecordPrinter.Format(wallet.Record, Labels.MessageCatalog.DefaultLanguage));
        console.Out.WriteLine();
        console.Out.WriteLine($"The wallet credential is {wallet.CredentialFile}, the presentation {wallet.PresentationFile}, its export (schema 2.0) {wallet.ExportFile}.");
        console.Out.WriteLine($"Verify it again within 5 minutes (the key binding's freshness): credentials wallet verify {wallet.PresentationFile} --registry {Path.Combine(folder, "registry.json")} --offline --aud {DemoWallet.Audience} --nonce {wallet.Nonce} --require-key-binding");
        return report.IsApproved && wallet.Record.IsApproved ? ExitCodes.Success : ExitCodes.Rejected;
    }
}
