namespace Credentials.Cli;

/// <summary>Where the command line keeps its own files when no option says otherwise.</summary>
internal static class CliFolders
{
    /// <summary>
    /// The user's data folder for Credentials (e.g. <c>~/.local/share/credentials</c>): the registry database, the
    /// trust state, the revocation-list cache. <c>CREDENTIALS_DATA</c> overrides it.
    /// </summary>
    public static string Data =>
        Environment.GetEnvironmentVariable("CREDENTIALS_DATA") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "credentials");
}
