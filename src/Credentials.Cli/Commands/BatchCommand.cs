using System.CommandLine;
using System.Globalization;
using Credentials.Batch;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials issue batch --requests F.jsonl|F.csv --key F [--cert F] --out-dir D [--lang L] [--workers N]</c>:
/// one PDF per request, on every core, with progress, a per-line error report, and resumable.
/// </summary>
internal static class BatchCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var requests = new Option<string>("--requests") { Description = "The requests: JSON Lines (.jsonl, one request a line) or CSV (.csv, a header row naming the payload's fields).", Required = true };
        var signing = new SigningKeyOptions();
        var outDir = new Option<string>("--out-dir") { Description = "The folder for the PDFs ({id}.pdf, the id being the request's jti or one derived from it) and the error report.", Required = true };
        var language = CommandValues.LanguageOption();
        var workers = new Option<int?>("--workers") { Description = $"Requests issued at once (default: one per core, {Environment.ProcessorCount} here)." };

        var command = new Command("batch", "Issue one ePRC PDF per request of a file. Run it again after a stop and it finishes the rest, issuing nothing twice. Exit 0 all issued, 1 some lines refused or stopped early, 2 unusable input.")
        {
            requests, outDir, language, workers,
        };
        signing.AddTo(command);

        // SIGINT and SIGTERM alike (CliApp's StopSignals) cancel the token: the documents in hand are finished, the rest
        // is left for the next run.
        command.SetAction((parse, stop) => Task.FromResult(Run(parse, console, time, requests, outDir, language, workers, signing, stop)));
        return command;
    }

    private static int Run(ParseResult parse, CliConsole console, TimeProvider time, Option<string> requests, Option<string> outDir, Option<string?> language, Option<int?> workers, SigningKeyOptions signing, CancellationToken stop)
    {
        var labels = CommandValues.Labels(parse.GetValue(language));
        var workerCount = parse.GetValue(workers) ?? Environment.ProcessorCount;
        if (workerCount is < 1 or > 256)
        {
            throw new CliException("--workers: give a number from 1 to 256.");
        }

        var folder = CommandValues.OutputFolder(parse.GetValue(outDir)!, "--out-dir");
        using var signer = signing.Load(parse, console);
        var progress = new ProgressLine(console.Error);
        var summary = new BatchIssuer(signer, time).Run(parse.GetValue(requests)!, new BatchOptions
        {
            OutputFolder = folder,
            Labels = labels,
            Workers = workerCount,
            Progress = progress,
        }, stop);
        progress.End();
        Report(summary, console);
        return summary.Failed == 0 && !summary.Cancelled ? ExitCodes.Success : ExitCodes.Rejected;
    }

    private static void Report(BatchSummary summary, CliConsole console)
    {
        foreach (var error in summary.FirstErrors)
        {
            console.Error.WriteLine($"error: {error}");
        }

        if (summary.Failed > summary.FirstErrors.Count)
        {
            console.Error.WriteLine($"… and {summary.Failed - summary.FirstErrors.Count:N0} more.");
        }

        var rate = summary.Elapsed.TotalSeconds > 0 ? summary.Issued / summary.Elapsed.TotalSeconds : 0;
        console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Issued {summary.Issued:N0}, skipped {summary.Skipped:N0} (already issued), failed {summary.Failed:N0}, in {summary.Elapsed:hh\\:mm\\:ss} ({rate:N0} a second)."));
        if (summary.Failed > 0)
        {
            console.Out.WriteLine($"Every refused line is listed with its number and the problem in {summary.ErrorReport}.");
        }

        if (summary.Cancelled)
        {
            console.Out.WriteLine("Stopped before the end: run the same command again to issue the rest (nothing is issued twice).");
        }
    }

    /// <summary>Progress on standard error: one line rewritten in place on a terminal, a line every 10 s otherwise.</summary>
    private sealed class ProgressLine(TextWriter error) : IProgress<BatchProgress>
    {
        private readonly bool terminal = ReferenceEquals(error, Console.Error) && !Console.IsErrorRedirected;
        private readonly Lock gate = new();
        private TimeSpan? lastLine;
        private bool written;

        public void Report(BatchProgress value)
        {
            lock (gate)
            {
                if (!terminal && value.Elapsed - (lastLine ?? TimeSpan.Zero) < TimeSpan.FromSeconds(10))
                {
                    return;
                }

                lastLine = value.Elapsed;
                var percent = value.BytesTotal > 0 ? 100.0 * value.BytesRead / value.BytesTotal : 100;
                var eta = value.Remaining is { } left ? $", about {left:hh\\:mm\\:ss} left" : string.Empty;
                var line = string.Create(CultureInfo.InvariantCulture, $"{percent,5:0.0}%  issued {value.Issued:N0}, skipped {value.Skipped:N0}, failed {value.Failed:N0}  {value.Rate:N0}/s{eta}");
                if (terminal)
                {
                    error.Write("\r" + line.PadRight(78));
                }
                else
                {
                    error.WriteLine(line);
                }

                written = true;
            }
        }

        public void End()
        {
            lock (gate)
            {
                if (terminal && written)
                {
                    error.WriteLine();
                }
            }
        }
    }
}
