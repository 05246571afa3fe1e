using System.CommandLine;
using System.Security.Cryptography;
using Credentials.Cli.Commands;
using Credentials.Issuance.Keys;
using Credentials.Scanning;
using Credentials.Trust;

namespace Credentials.Cli;

/// <summary>The <c>credentials</c> command line: <c>demo</c>, <c>issue</c>, <c>verify</c>.</summary>
public static class CliApp
{
#pragma warning disable CA1031 // The command line must never end in a stack trace (see the last catch).
    /// <summary>
    /// Runs one command line. <paramref name="signals"/> (the process's SIGINT and SIGTERM) cancels the command's
    /// token: a command stops at a clean point and says so; without it (tests in-process) nothing stops a command.
    /// </summary>
    public static int Run(string[] args, CliConsole console, TimeProvider time, StopSignals? signals = null)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("Credentials: issue and verify the EU's electronic health-insurance documents (the ePRC, the eEHIC, the ISI+ card).");
        root.Subcommands.Add(DemoCommand.Create(console, time));
        root.Subcommands.Add(IssueCommand.Create(console, time));
        root.Subcommands.Add(VerifyCommand.Create(console, time));
        root.Subcommands.Add(RevokeCommand.Create(console, time));
        root.Subcommands.Add(RegistryCommand.Create(console, time));
        root.Subcommands.Add(ServeCommand.Create(console, time));
        root.Subcommands.Add(StoreCommand.Create(console, time));
        root.Subcommands.Add(WalletCommand.Create(console, time));
        root.Subcommands.Add(StatusCommand.Create(console, time));
        root.Subcommands.Add(ApiKeyCommand.Create(console, time));
        root.Subcommands.Add(AccountCommand.Create(console, time));

        ParseErrors.RefuseEmptyValues(root);
        if (args.Length == 0)
        {
            // Bare `credentials`: what it can do, not an error about what is missing.
            root.Parse(["--help"]).Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error });
            return ExitCodes.Success;
        }

        var parsed = root.Parse(args);
        var command = CommandPath(parsed);
        var json = WantsJson(parsed);
        var errors = parsed.Errors.Select(ParseErrors.Describe).ToList();

        // The parser takes an unknown "--frob" for the command's argument; say what it is.
        var unknown = parsed.Tokens.Where(t => t.Type == System.CommandLine.Parsing.TokenType.Argument && t.Value.StartsWith("--", StringComparison.Ordinal) && t.Value.Length > 2).ToList();
        if (unknown.Count > 0)
        {
            // The argument it displaced then reads as "unrecognized": the unknown option is the one problem.
            errors = [.. unknown.Select(t => $"'{t.Value}' is not an option of '{command}'."), .. errors.Where(e => !e.StartsWith("Unrecognized command or argument", StringComparison.Ordinal))];
        }

        if (errors.Count > 0)
        {
            foreach (var error in errors.Distinct())
            {
                console.Error.WriteLine($"credentials: {error}");
            }

            console.Error.WriteLine($"Run '{command} --help' for usage.");
            WriteJsonError(console, json, errors[0]);
            return ExitCodes.UnusableInput;
        }

        var stop = signals?.Token ?? CancellationToken.None;
        try
        {
            // Our own handler (StopSignals) turns SIGINT and SIGTERM alike into the token; System.CommandLine's would
            // cancel only asynchronous commands and end the process after 2 s whatever the command was doing.
            return parsed.InvokeAsync(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null }, stop).GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped by a signal before the end: what was written is complete (every file goes through a temporary one).
            var message = $"stopped by {signals!.Received} before the end; no file was left half-written: run the same command again.";
            console.Error.WriteLine($"credentials: {message}");
            WriteJsonError(console, json, message, signals.SignalExitCode);
            return signals.SignalExitCode;
        }
        catch (Exception e) when (IsUserFacing(e))
        {
            // Input and environment problems: the message names the problem; no stack trace.
            var message = FirstSentence(e.Message);
            console.Error.WriteLine($"credentials: {message}");
            WriteJsonError(console, json, message);
            return ExitCodes.UnusableInput;
        }
        catch (Exception e)
        {
            // A fault of ours, still reported without a stack trace; the type helps a bug report.
            console.Error.WriteLine($"credentials: internal error ({e.GetType().Name}): {FirstSentence(e.Message)}");
            WriteJsonError(console, json, $"internal error ({e.GetType().Name})");
            return ExitCodes.UnusableInput;
        }
    }

    /// <summary>"credentials verify" for the command the user ran (or meant to).</summary>
    private static string CommandPath(ParseResult parsed)
    {
        var names = new List<string>();
        for (var result = parsed.CommandResult; result is not null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Insert(0, result.Command is RootCommand ? "credentials" : result.Command.Name);
        }

        return string.Join(' ', names);
    }

    /// <summary>Whether the command was asked for JSON on standard output (<c>--format json</c>).</summary>
    private static bool WantsJson(ParseResult parsed)
    {
        var tokens = parsed.Tokens.Select(t => t.Value).ToList();
        var at = tokens.IndexOf("--format");
        return at >= 0 && at + 1 < tokens.Count && tokens[at + 1] == "json";
    }

    /// <summary>With <c>--format json</c>, a program reading standard output gets a JSON object on exit 2 too.</summary>
    private static void WriteJsonError(CliConsole console, bool json, string message, int exitCode = ExitCodes.UnusableInput)
    {
        if (!json)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new System.Text.Json.Utf8JsonWriter(buffer, new System.Text.Json.JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteStartObject("error");
            writer.WriteNumber("exitCode", exitCode);
            writer.WriteString("message", message);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        console.Out.WriteLine(System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
    }

    /// <summary>The sentence for people: the BCL's "(Parameter 'x')" and similar tails are not.</summary>
    internal static string FirstSentence(string message) =>
        message.IndexOf(" (Parameter '", StringComparison.Ordinal) is var at and >= 0 ? message[..at] : message;

#pragma warning restore CA1031

    private static bool IsUserFacing(Exception e) => e is CliException or SigningKeyException or TrustRegistryFormatException
        or QrScanException or Credentials.Revocation.RevocationListException or TrustSnapshotException or TrustSourceException or Credentials.Net.DownloadException or Credentials.Signing.Pkcs11.Pkcs11SignerException or Credentials.Batch.BatchFileException or FormatException or IOException or UnauthorizedAccessException or CryptographicException or ArgumentException;
}
