namespace Credentials.Testing;

/// <summary>
/// The rule for tests that need something this machine may lack (a program, a service, a library): on a
/// developer's machine the test is skipped with the reason; under <c>CI=true</c> a missing requirement fails the
/// run, so CI never passes by skipping. Use with <c>[SkippableFact]</c> / <c>[SkippableTheory]</c>.
/// </summary>
public static class TestEnvironment
{
    /// <summary>Whether the tests run in CI (<c>CI=true</c>), where nothing required may be missing.</summary>
    public static bool IsCi { get; } = string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    /// <summary>Skips (or, under CI, fails) unless <paramref name="available"/>; <paramref name="what"/> names the requirement.</summary>
    public static void Require(bool available, string what)
    {
        if (available)
        {
            return;
        }

        if (IsCi)
        {
            throw new Xunit.Sdk.XunitException($"required under CI=true and missing: {what}.");
        }

        throw new Xunit.SkipException($"skipped, not available on this machine: {what}.");
    }

    /// <summary>The full path of a program on PATH, or skips (fails under CI) when it is not installed.</summary>
    public static string RequireProgram(string name, string? package = null)
    {
        var path = FindProgram(name);
        Require(path is not null, package is null ? $"the program '{name}'" : $"the program '{name}' (Debian package {package})");
        return path!;
    }

    /// <summary>The full path of a file that must exist (e.g. a native module), or skips (fails under CI).</summary>
    public static string RequireFile(string path, string what)
    {
        Require(File.Exists(path), $"{what} at {path}");
        return path;
    }

    /// <summary>The full path of a program on PATH, or null.</summary>
    public static string? FindProgram(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
