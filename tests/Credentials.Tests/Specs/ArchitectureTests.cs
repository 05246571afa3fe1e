using System.Reflection;

namespace Credentials.Tests.Specs;

/// <summary>
/// The verifier core must not pull in PDF, image, database, web or CBOR libraries: a hospital app embeds it without
/// them. Reading what a verifier is handed (Credentials.Scanning) carries no PDF or QR writer, and the documents we
/// print (Credentials.Printing) carry no reader.
/// </summary>
public sealed class ArchitectureTests
{
    /// <summary>Assembly names, or the start of a family's names (<c>PdfSharp</c> covers <c>PdfSharp.Shared</c>).</summary>
    private static readonly string[] Pdf = ["PdfSharp", "PdfSharpCore", "UglyToad.PdfPig", "QuestPDF", "itext"];

    private static readonly string[] Image = ["QRCoder", "zxing", "StbImageSharp", "StbImageWriteSharp", "SkiaSharp", "SixLabors.ImageSharp", "System.Drawing.Common"];

    private static readonly string[] Database = ["Microsoft.Data.Sqlite", "SQLitePCLRaw", "Npgsql", "Microsoft.EntityFrameworkCore"];

    private static readonly string[] Web = ["Microsoft.AspNetCore", "OpenIddict"];

    private static readonly string[] Cbor = ["System.Formats.Cbor", "System.Security.Cryptography.Cose"];

    private static readonly string[] Hosts = ["System.CommandLine", "credentials", "Credentials.Issuance", "Credentials.Printing", "Credentials.Scanning", "Credentials.Batch", "Credentials.Trust.Store", "Credentials.Storage", "Credentials.Host", "Credentials.Wallet"];

    /// <summary>The PDF and QR writers: what Printing uses to make documents.</summary>
    private static readonly string[] Writers = ["PdfSharp", "PdfSharpCore", "QuestPDF", "QRCoder", "StbImageWriteSharp", "Credentials.Printing", "Credentials.Issuance"];

    /// <summary>The readers: what Scanning uses to read what a verifier is handed.</summary>
    private static readonly string[] Readers = ["UglyToad.PdfPig", "zxing", "StbImageSharp", "Credentials.Scanning"];

    /// <summary>JOSE and HSM libraries: the core signs and verifies with the BCL, and keys in an HSM come through the signer seam.</summary>
    private static readonly string[] Jose = ["Microsoft.IdentityModel.Tokens", "Microsoft.IdentityModel.JsonWebTokens", "jose-jwt", "Pkcs11Interop"];

    private static readonly Assembly Core = typeof(Credentials.Verification.QrTokenVerifier).Assembly;

    private static List<string> References(Assembly assembly) => [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];

    private static List<string> Matching(List<string> references, IEnumerable<string> forbidden) =>
        [.. references.Where(name => forbidden.Any(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase) || name.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase)))];

    [Fact]
    public void The_core_references_no_PDF_image_database_web_CBOR_or_host_assembly()
    {
        var references = References(Core);
        Assert.Contains("System.Text.Json", references); // the right assembly is looked at
        Assert.Empty(Matching(references, [.. Pdf, .. Image, .. Database, .. Web, .. Cbor, .. Hosts, .. Jose]));
    }

    [Fact]
    public void Scanning_reads_with_PdfPig_and_ZXing_and_references_no_PDF_or_QR_writer()
    {
        var references = References(typeof(Credentials.Scanning.VerifierInput).Assembly);
        Assert.Contains("UglyToad.PdfPig", references);
        Assert.Contains("zxing", references);
        Assert.Empty(Matching(references, [.. Writers, .. Database, .. Web]));
    }

    [Fact]
    public void Printing_writes_and_references_no_reader()
    {
        var references = References(typeof(Credentials.Printing.PrcPdf).Assembly);
        Assert.Contains("PdfSharp", references);
        Assert.Contains("QRCoder", references);
        Assert.Empty(Matching(references, Readers));
    }

    [Fact]
    public void Documents_are_a_closed_set_of_cases_with_no_kind_flags()
    {
        var document = typeof(HealthInsuranceDocument);
        var cases = Core.GetExportedTypes().Where(t => t.IsSubclassOf(document)).ToList();
        Assert.Equal(
            new[] { nameof(EuropeanHealthInsuranceCard), nameof(IsiPlusCard), nameof(ProvisionalReplacementCertificate) },
            cases.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(cases, t => Assert.True(t.IsSealed, $"{t.Name} is sealed"));

        // The base's constructor is not public: no other case can be added outside the core.
        Assert.DoesNotContain(document.GetConstructors(BindingFlags.Public | BindingFlags.Instance), c => c.IsPublic);

        // No member says what kind a document is by a flag or a string (IsEhic, IsIsiPlus, DocumentKind …).
        var flags = Core.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.Name is "IsEhic" or "IsIsiPlus" or "IsPrc" or "DocumentKind" or "Kind")
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        Assert.Empty(flags);
    }

    [Fact]
    public void Document_types_have_no_public_setters()
    {
        var mutable = Core.GetExportedTypes()
            .Where(t => t == typeof(HealthInsuranceDocument) || t.IsSubclassOf(typeof(HealthInsuranceDocument)) || t == typeof(DocumentHolder) || t == typeof(CompetentInstitution))
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            .Where(p => p.SetMethod?.IsPublic == true)
            .Select(p => $"{p.DeclaringType!.Name}.{p.Name}")
            .ToList();
        Assert.Empty(mutable);
    }
}
