using System.Text.RegularExpressions;
using Credentials.Tests.Support;

namespace Credentials.Tests.Cli;

/// <summary>Every <c>credentials …</c> example in README.md (its command line and wallet sections) runs as written, with the exit code its comment promises.</summary>
public sealed partial class ReadmeExamplesTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-readme-").FullName;

    [GeneratedRegex(@"(?<![\w/.-])(samples|specs)/")]
    private static partial Regex RepositoryPath();

    /// <summary>README's examples write into out/ (which git ignores); here, into a fresh folder.</summary>
    [GeneratedRegex(@"(?<=\s)out/")]
    private static partial Regex OutputFolder();

    public static TheoryData<string, int> Examples()
    {
        var data = new TheoryData<string, int>();
        var lines = File.ReadAllLines(Path.Combine(Repository.Root, "README.md"));
        foreach (var heading in new[] { "## Command line", "## Wallet credentials" })
        {
            AddExamples(data, lines, Array.FindIndex(lines, l => l == heading));
        }

        return data;
    }

    /// <summary>The examples of the section that starts at <paramref name="section"/>, each with the exit code its comment promises.</summary>
    private static void AddExamples(TheoryData<string, int> data, string[] lines, int section)
    {
        Assert.True(section >= 0, "a README section with examples is missing");
        var expectedExit = 0;
        for (var i = section; i < lines.Length && !(i > section && lines[i].StartsWith("## ", StringComparison.Ordinal)); i++)
        {
            var line = lines[i];
            if (line.StartsWith('#'))
            {
                expectedExit = line.Contains("(exit 1)", StringComparison.Ordinal) ? 1 : 0;
            }
            else if (line.StartsWith("credentials ", StringComparison.Ordinal))
            {
                var command = line;
                while (command.EndsWith('\\'))
                {
                    command = command[..^1] + " " + lines[++i].Trim();
                }

                data.Add(command, expectedExit);
            }
        }
    }

    [Fact]
    public void The_README_shows_issue_and_verify_examples()
    {
        Assert.True(Examples().Count >= 5);
        Assert.Contains(Examples(), row => ((string)row[0]).StartsWith("credentials wallet verify", StringComparison.Ordinal));
    }

    [Fact]
    public void The_README_examples_run_in_order_with_the_promised_exit_codes()
    {
        // In order and in one folder, as a reader would run them: later examples use what earlier ones wrote.
        foreach (var row in Examples())
        {
            var (command, expectedExit) = ((string)row[0], (int)row[1]);
            var absolute = RepositoryPath().Replace(command, m => Path.Combine(Repository.Root, m.Groups[1].Value) + "/");
            absolute = OutputFolder().Replace(absolute, folder + "/");
            var result = CliRunner.RunAt(Clock.At(2026, 11, 28), Split(absolute)[1..]);
            Assert.True(expectedExit == result.ExitCode, $"{command}\nexit {result.ExitCode}\n{result.Error}");
        }
    }

    /// <summary>Splits a shell line on spaces, keeping double-quoted words together.</summary>
    private static string[] Split(string line) =>
        Regex.Matches(line, "\"([^\"]*)\"|(\\S+)").Select(m => m.Groups[1].Success ? m.Groups[1].Value : m.Groups[2].Value).ToArray();

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
