using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;

namespace Credentials.Tests.Operations;

/// <summary><c>credentials registry serve</c> running as a child process, with what it printed so far.</summary>
internal sealed partial class ServerProcess : IDisposable
{
    private readonly StringBuilder output = new();
    private readonly StringBuilder error = new();
    private readonly TaskCompletionSource<Uri> listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerProcess(IEnumerable<string> args)
    {
        Process = CliProcess.Start(args);
        Process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is null)
            {
                listening.TrySetException(new InvalidOperationException("the server ended before it listened."));
                return;
            }

            lock (output)
            {
                output.AppendLine(line.Data);
            }

            if (ServingLine().Match(line.Data) is { Success: true } match)
            {
                listening.TrySetResult(new Uri(match.Groups[1].Value + "/"));
            }
        };
        Process.ErrorDataReceived += (_, line) =>
        {
            lock (error)
            {
                error.AppendLine(line.Data);
            }
        };
        Process.BeginOutputReadLine();
        Process.BeginErrorReadLine();
    }

    public Process Process { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (error)
            {
                return error.ToString();
            }
        }
    }

    /// <summary>Starts the server on a free port and waits until it says where it listens.</summary>
    public static async Task<(ServerProcess Server, Uri Root)> StartAsync(string database, params string[] more)
    {
        var server = new ServerProcess(["registry", "serve", "--registry", database, "--urls", "http://127.0.0.1:0", .. more]);
        try
        {
            var root = await server.listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return (server, root);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            var said = server.Output + server.Error;
            server.Dispose();
            throw new InvalidOperationException($"the server did not start: {said}", e);
        }
    }

    /// <summary>Waits for the process to end; false if it is still running after <paramref name="timeout"/>.</summary>
    public bool WaitForExit(TimeSpan timeout)
    {
        if (!Process.WaitForExit(timeout))
        {
            return false;
        }

        Process.WaitForExit(); // the output is complete
        return true;
    }

    public void Dispose()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            Process.WaitForExit();
        }

        Process.Dispose();
    }

    [GeneratedRegex(@"^Serving .* at (http://[^ ,]+?)/api/v1/issuers")]
    private static partial Regex ServingLine();
}
