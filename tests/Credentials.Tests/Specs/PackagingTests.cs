using System.Reflection;
using System.Xml.Linq;

namespace Credentials.Tests.Specs;

/// <summary>
/// The libraries ship as documented packages. Every project under src/ is a package unless its project file says
/// <c>IsPackable=false</c> (only the applications do); each package's assembly beside the tests has its XML
/// documentation with an entry for every public type, and carries its description, authors and licence; each has
/// the README.md its nuget.org page shows. The core's README shows the embedding example that
/// EmbeddingExampleTests compiles and runs, and the core depends on SimpleBase alone.
/// </summary>
public sealed class PackagingTests
{
    /// <summary>The projects under src/ that are applications, not libraries to embed: not packed.</summary>
    private static readonly string[] Applications = ["Credentials.Cli", "Credentials.Host"];

    private static readonly XNamespace None = XNamespace.None;

    public static TheoryData<string> Libraries()
    {
        var data = new TheoryData<string>();
        foreach (var name in LibraryNames())
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void Every_project_under_src_is_a_package_but_the_applications()
    {
        var notPacked = Projects().Where(p => !IsPackable(p.File)).Select(p => p.Name).Order(StringComparer.Ordinal);
        Assert.Equal(Applications, notPacked);
        Assert.Contains("Credentials.Core", LibraryNames());
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void A_library_ships_its_XML_documentation_with_every_public_type(string library)
    {
        var assembly = Beside(library);
        var documentation = Path.ChangeExtension(assembly.Location, ".xml");
        Assert.True(File.Exists(documentation), $"{library}.xml is not beside {library}.dll: its documentation file is not generated.");

        var doc = XDocument.Load(documentation).Root!;
        Assert.Equal(library, doc.Element(None + "assembly")?.Element(None + "name")?.Value);
        var documented = doc.Element(None + "members")!.Elements(None + "member")
            .Where(m => m.Element(None + "summary") is { } summary && summary.Value.Trim().Length > 0)
            .Select(m => m.Attribute("name")!.Value)
            .ToHashSet(StringComparer.Ordinal);
        var publicTypes = assembly.GetExportedTypes();
        Assert.NotEmpty(publicTypes);
        Assert.All(publicTypes, type => Assert.Contains("T:" + type.FullName!.Replace('+', '.'), documented));
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void A_library_says_what_it_is_who_made_it_and_its_licence(string library)
    {
        var assembly = Beside(library);
        var project = XDocument.Load(Projects().Single(p => p.Name == library).File);
        var description = project.Descendants(None + "Description").SingleOrDefault()?.Value;
        Assert.False(string.IsNullOrWhiteSpace(description), $"{library}.csproj has no Description.");
        Assert.Equal(description, assembly.GetCustomAttribute<AssemblyDescriptionAttribute>()?.Description);
        Assert.Equal("Credentials contributors", assembly.GetCustomAttribute<AssemblyCompanyAttribute>()?.Company);
        Assert.Equal(
            "Apache-2.0",
            assembly.GetCustomAttributes<AssemblyMetadataAttribute>().SingleOrDefault(a => a.Key == "PackageLicenseExpression")?.Value);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void A_library_has_the_README_its_package_page_shows(string library)
    {
        var readme = Path.Combine(Repository.Root, "src", library, "README.md");
        Assert.True(File.Exists(readme), $"src/{library}/README.md is missing.");
        var text = File.ReadAllText(readme);
        Assert.StartsWith($"# {library}\n", text.Replace("\r\n", "\n", StringComparison.Ordinal), StringComparison.Ordinal);
        Assert.Contains("```csharp", text, StringComparison.Ordinal);
        Assert.Contains("Apache-2.0", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_core_README_shows_the_embedding_example_as_it_is_compiled_and_run()
    {
        var source = File.ReadAllText(Path.Combine(Repository.Root, "tests", "Credentials.Tests", "Embedding", "OfflineVerification.cs"));
        var code = source[source.IndexOf("using ", StringComparison.Ordinal)..].TrimEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "src", "Credentials.Core", "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("```csharp\n" + code + "\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_core_package_depends_on_SimpleBase_and_the_framework_alone()
    {
        var project = XDocument.Load(Path.Combine(Repository.Root, "src", "Credentials.Core", "Credentials.Core.csproj"));
        Assert.Equal(new[] { "SimpleBase" }, project.Descendants(None + "PackageReference").Select(r => r.Attribute("Include")?.Value));
        Assert.Empty(project.Descendants(None + "ProjectReference"));
        Assert.Empty(project.Descendants(None + "FrameworkReference"));

        // Nothing the shared build files add reaches every package either.
        foreach (var shared in new[] { "Directory.Build.props", "Directory.Build.targets" })
        {
            var file = XDocument.Load(Path.Combine(Repository.Root, shared));
            Assert.Empty(file.Descendants(None + "PackageReference"));
            Assert.Empty(file.Descendants(None + "FrameworkReference"));
        }
    }

    private static IEnumerable<string> LibraryNames() => Projects().Where(p => IsPackable(p.File)).Select(p => p.Name);

    private static IEnumerable<(string Name, string File)> Projects() =>
        Directory.EnumerateDirectories(Path.Combine(Repository.Root, "src"))
            .Select(folder => (Name: Path.GetFileName(folder), File: Path.Combine(folder, Path.GetFileName(folder) + ".csproj")))
            .Where(p => File.Exists(p.File))
            .OrderBy(p => p.Name, StringComparer.Ordinal);

    private static bool IsPackable(string projectFile) =>
        !XDocument.Load(projectFile).Descendants(None + "IsPackable").Any(e => string.Equals(e.Value.Trim(), "false", StringComparison.OrdinalIgnoreCase));

    /// <summary>The library's assembly as the tests load it; one that is not beside the tests must be referenced by them.</summary>
    private static Assembly Beside(string library)
    {
        var file = Path.Combine(AppContext.BaseDirectory, library + ".dll");
        Assert.True(File.Exists(file), $"{library}.dll is not beside the tests: reference it from Credentials.Tests.csproj so its package is checked.");
        return Assembly.Load(new AssemblyName(library));
    }
}
