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
    public static int Run(string[] args, CliConsole console, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(console);
        var root = new RootCommand("Credentials: issue and verify the EU's electronic health-insurance documents (the ePRC, the eEHIC, the ISI+ card).");
        root.Subcommands.Add(DemoCommand.Create(console, time));
        root.Subcommands.Add(IssueCommand.Create(console, time));
        root.Subcommands.Add(VerifyCommand.Create(console, time));
        root.Subcommands.Add(RevokeCommand.Create(console, time));
        root.Subcommands.Add(RegistryCommand.Create(console, time));

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                console.Error.WriteLine($"credentials: {error.Message}");
            }

            console.Error.WriteLine("Run 'credentials --help' for usage.");
            return ExitCodes.UnusableInput;
        }

        try
        {
            return parsed.Invoke(new InvocationConfiguration { Output = console.Out, Error = console.Error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsUserFacing(e))
        {
            // Input and environment problems: the message names the problem; no stack trace.
            console.Error.WriteLine($"credentials: {e.Message}");
            return ExitCodes.UnusableInput;
        }
        catch (Exception e)
        {
            // A fault of ours, still reported without a stack trace; the type helps a bug report.
            console.Error.WriteLine($"credentials: internal error ({e.GetType().Name}): {e.Message}");
            return ExitCodes.UnusableInput;
        }
    }

#pragma warning restore CA1031

    private static bool IsUserFacing(Exception e) => e is CliException or SigningKeyException or TrustRegistryFormatException
        or QrScanException or Credentials.Revocation.RevocationListException or TrustSnapshotException or TrustSourceException or Credentials.Net.DownloadException or Credentials.Batch.BatchFileException or FormatException or IOException or UnauthorizedAccessException or CryptographicException or ArgumentException;
}
