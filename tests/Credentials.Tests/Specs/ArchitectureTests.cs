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

    private static readonly string[] Hosts = ["System.CommandLine", "credentials", "Credentials.Issuance", "Credentials.Printing", "Credentials.Scanning", "Credentials.Batch", "Credentials.Trust.Store", "Credentials.Storage", "Credentials.Server", "Credentials.Wallet"];

    /// <summary>The PDF and QR writers: what Printing uses to make documents.</summary>
    private static readonly string[] Writers = ["PdfSharp", "PdfSharpCore", "QuestPDF", "QRCoder", "StbImageWriteSharp", "Credentials.Printing", "Credentials.Issuance"];

    /// <summary>The readers: what Scanning uses to read what a verifier is handed.</summary>
    private static readonly string[] Readers = ["UglyToad.PdfPig", "zxing", "StbImageSharp", "Credentials.Scanning"];

    private static List<string> References(Assembly assembly) => [.. assembly.GetReferencedAssemblies().Select(a => a.Name!)];

    private static List<string> Matching(List<string> references, IEnumerable<string> forbidden) =>
        [.. references.Where(name => forbidden.Any(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase) || name.StartsWith(f + ".", StringComparison.OrdinalIgnoreCase)))];

    [Fact]
    public void The_core_references_no_PDF_image_database_web_CBOR_or_host_assembly()
    {
        var references = References(typeof(Credentials.Verification.PrcVerifier).Assembly);
        Assert.Contains("Microsoft.IdentityModel.Tokens", references); // the right assembly is looked at
        Assert.Empty(Matching(references, [.. Pdf, .. Image, .. Database, .. Web, .. Cbor, .. Hosts]));
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
    public void Only_the_JOSE_adapter_touches_the_JOSE_library_types_in_signatures()
    {
        // Public types of the core expose our own types only; IdentityModel stays behind IdentityModelAdapter.
        var core = typeof(Credentials.Verification.PrcVerifier).Assembly;
        var leaks = core.GetExportedTypes()
            .SelectMany(t => t.GetMembers(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => Signature(m).Any(t => t.Namespace?.StartsWith("Microsoft.IdentityModel", StringComparison.Ordinal) == true))
            .Select(m => $"{m.DeclaringType!.Name}.{m.Name}")
            .ToList();
        Assert.Empty(leaks);
    }

    private static IEnumerable<Type> Signature(MemberInfo member) => member switch
    {
        MethodInfo method => method.GetParameters().Select(p => p.ParameterType).Append(method.ReturnType),
        PropertyInfo property => [property.PropertyType],
        FieldInfo field => [field.FieldType],
        ConstructorInfo constructor => constructor.GetParameters().Select(p => p.ParameterType),
        _ => [],
    };
}
