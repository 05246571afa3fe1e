namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>The copied vector folders (each has its README with source and licence).</summary>
internal static class VectorFiles
{
    public static string Folder(params string[] parts) => Path.Combine([Repository.Root, "tests", "Credentials.Wallet.Tests", "Vectors", .. parts]);

    public static string PythonCase(string kind, string name) => Folder("sd-jwt-python", kind, name, "specification.yml");

    public static string PythonSettings(string kind) => Folder("sd-jwt-python", kind, "settings.yml");

    public static string Fixed(string file) => Folder("sd-jwt-fixed", file);
}
