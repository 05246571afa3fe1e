using System.Reflection;

namespace Credentials.Tests.Specs;

/// <summary>The shape of the house: what the verifier core may depend on, and that documents are a closed model, not kind strings.</summary>
public sealed class ArchitectureTests
{
    // Imaging, PDF, database, web, CBOR, HSM and command-line libraries, and our own adapters and hosts.
    private static readonly string[] Forbidden =
    [
        "QRCoder", "zxing", "StbImageSharp", "PdfSharp", "PdfSharpCore", "UglyToad.PdfPig", "SkiaSharp",
        "Microsoft.Data.Sqlite", "SQLitePCLRaw.core", "Npgsql",
        "Microsoft.AspNetCore", "Microsoft.AspNetCore.Http", "System.CommandLine",
        "System.Formats.Cbor", "System.Security.Cryptography.Cose", "Pkcs11Interop",
        "Microsoft.IdentityModel.Tokens",
        "Credentials.QrImaging", "Credentials.Scanning", "Credentials.Printing", "Credentials.Issuance", "Credentials.Storage",
        "Credentials.Trust.Store", "Credentials.Server", "credentials",
    ];

    private static readonly Assembly Core = typeof(Credentials.Verification.QrTokenVerifier).Assembly;

    [Fact]
    public void The_core_references_no_imaging_PDF_database_web_CBOR_or_host_assembly()
    {
        var references = Core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.DoesNotContain(references, name => Forbidden.Any(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase)));
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
