using System.Text;
using Credentials.Cli;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Tests.Cli;

/// <summary>Runs the <c>credentials</c> command line in-process, as the executable's Main does, capturing its output.</summary>
internal static class CliRunner
{
    public sealed record Result(int ExitCode, string Out, string Error);

    public static Result Run(TimeProvider time, string? standardInput, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var input = Encoding.UTF8.GetBytes(standardInput ?? string.Empty);
        var exit = CliApp.Run(args, new CliConsole(output, error, () => new MemoryStream(input)), time);
        return new Result(exit, output.ToString(), error.ToString());
    }

    /// <summary>The clock the command line runs on in tests: fixed, so no test depends on today's date.</summary>
    public static FakeTimeProvider FixedClock() => Credentials.Testing.Clock.At(2026, 11, 28);

    public static Result Run(params string[] args) => Run(FixedClock(), null, args);

    public static Result RunAt(FakeTimeProvider time, params string[] args) => Run(time, null, args);
}
