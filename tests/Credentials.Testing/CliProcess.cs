using System.Diagnostics;
using System.Text;

namespace Credentials.Testing;

/// <summary>
/// The <c>credentials</c> command line run as a child process, exactly as a user runs it: for black-box tests of
/// exit codes, output, signals and concurrency. The test project must reference the CLI project, so that
/// <c>credentials.dll</c> sits beside the tests.
/// </summary>
public static class CliProcess
{
    /// <summary>What a finished run printed and returned.</summary>
    public sealed record Result(int ExitCode, string Out, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\nstdout:\n{Out}\nstderr:\n{Error}";
    }

    private static readonly Lazy<string> DataFolder = new(() => Directory.CreateTempSubdirectory("credentials-test-data-").FullName);

    /// <summary>The CLI assembly beside the tests.</summary>
    public static string Assembly { get; } = Path.Combine(AppContext.BaseDirectory, "credentials.dll");

    /// <summary>Runs the CLI to its end (at most <paramref name="timeout"/>, default 2 minutes) in the repository root.</summary>
    public static Result Run(IEnumerable<string> args, string? standardInput = null, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, TimeSpan? timeout = null)
    {
        using var process = Start(args, environment, workingDirectory, redirectInput: true);
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (standardInput is not null)
        {
            process.StandardInput.Write(standardInput);
        }

        process.StandardInput.Close();
        if (!process.WaitForExit(timeout ?? TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"credentials {string.Join(' ', args)} did not finish in time.");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    /// <summary>Runs the CLI with these arguments in the repository root.</summary>
    public static Result Run(params string[] args) => Run((IEnumerable<string>)args);

    /// <summary>Starts the CLI and leaves it running (e.g. a server), standard output and error redirected.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, bool redirectInput = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        if (!File.Exists(Assembly))
        {
            throw new InvalidOperationException($"the CLI is not built beside the tests ({Assembly}): reference Credentials.Cli from the test project.");
        }

        // A process started from a background shell (`cmd &`, nohup) inherits SIGINT as ignored, and an ignored
        // signal stays ignored across exec, so the CLI could never see Ctrl-C. On Linux the child starts through
        // coreutils' `env --default-signal=INT`, which puts SIGINT back to its default before it runs dotnet.
        var resetInterrupt = OperatingSystem.IsLinux() && File.Exists("/usr/bin/env");
        var start = new ProcessStartInfo(resetInterrupt ? "/usr/bin/env" : "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = redirectInput,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Repository.Root,
        };
        if (resetInterrupt)
        {
            start.ArgumentList.Add("--default-signal=INT");
            start.ArgumentList.Add("dotnet");
        }

        start.ArgumentList.Add("exec");
        start.ArgumentList.Add(Assembly);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        // The CLI's own files (trust state, revocation-list cache) go to a folder of the test run's, never the user's.
        start.Environment["CREDENTIALS_DATA"] = Environment.GetEnvironmentVariable("CREDENTIALS_DATA") is { Length: > 0 } data ? data : DataFolder.Value;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException("the CLI did not start.");
    }

    /// <summary>Sends a POSIX signal (e.g. <c>TERM</c>, <c>INT</c>) to a process, as a service manager or Ctrl-C would.</summary>
    public static void Signal(Process process, string signal)
    {
        ArgumentNullException.ThrowIfNull(process);
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + signal, process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }
}
