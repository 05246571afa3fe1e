namespace Credentials.Testing;

/// <summary>Paths inside the repository, found from the test's folder upwards.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Vectors(params string[] parts) => Path.Combine([Root, "specs", "vectors", .. parts]);

    public static string Samples(params string[] parts) => Path.Combine([Root, "samples", .. parts]);

    public static string Specs(params string[] parts) => Path.Combine([Root, "specs", .. parts]);

    public static string ReadText(string path) => File.ReadAllText(path);

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Credentials.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Credentials.sln) was not found above the test folder.");
    }
}
