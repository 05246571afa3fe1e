using System.Reflection;

namespace Credentials.Tests.Specs;

/// <summary>The verifier core must not pull in PDF, image or web libraries: a hospital app embeds it without them.</summary>
public sealed class ArchitectureTests
{
    private static readonly string[] Forbidden = ["QRCoder", "zxing", "StbImageSharp", "PdfSharp", "PdfSharpCore", "SkiaSharp", "Microsoft.AspNetCore", "System.CommandLine", "Credentials.QrImaging", "Credentials.Issuance", "credentials"];

    [Fact]
    public void The_core_references_no_imaging_PDF_web_or_host_assembly()
    {
        var core = typeof(Credentials.Verification.PrcVerifier).Assembly;
        var references = core.GetReferencedAssemblies().Select(a => a.Name!).ToList();
        Assert.Contains("Microsoft.IdentityModel.Tokens", references);
        Assert.DoesNotContain(references, name => Forbidden.Any(f => string.Equals(f, name, StringComparison.OrdinalIgnoreCase)));
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
