using System.Runtime.CompilerServices;

namespace Credentials.Tests.Support;

/// <summary>
/// The command line keeps its trust state and revocation-list cache in the user's data folder; the tests' runs keep
/// theirs in a folder of their own (<c>CREDENTIALS_DATA</c>), so a test never reads or changes a user's files.
/// </summary>
internal static class TestDataFolder
{
    [ModuleInitializer]
    internal static void Isolate()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CREDENTIALS_DATA")))
        {
            Environment.SetEnvironmentVariable("CREDENTIALS_DATA", Directory.CreateTempSubdirectory("credentials-test-data-").FullName);
        }
    }
}
