using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Batch;
using Credentials.Printing;
using Credentials.Scanning;
using Credentials.Tests.Cli;
using Credentials.Tests.Support;

namespace Credentials.Tests.Batch;

/// <summary>Batch issuance: exactly the valid lines issued, every invalid line reported, and a run killed midway finished by the next.</summary>
public sealed class BatchIssuanceTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-batch-").FullName;

    private string Out => Path.Combine(folder, "out");

    private static readonly DateOnly Today = new(2026, 6, 15);

    /// <summary>Requests for the sample signer (BE:0120), each with jti <c>req-{i}</c>; every hundredth is broken in a different way.</summary>
    private string WriteJsonl(int count, out HashSet<string> validIds, out HashSet<long> invalidLines)
    {
        validIds = [];
        invalidLines = [];
        var path = Path.Combine(folder, "requests.jsonl");
        using var writer = new StreamWriter(path, append: false, new UTF8Encoding(false));
        var template = JsonNode.Parse(File.ReadAllText(Repository.Samples("requests", "prc.json")))!;
        for (var i = 0; i < count; i++)
        {
            var request = template.DeepClone();
            request["jti"] = $"req-{i}";
            request["prc"]!["fn"] = $"Testperson {i}";
            request["prc"]!["di"] = "2026-06-15";
            var line = (i % 100) switch
            {
                13 when i % 300 == 13 => "{\"prc\": {\"ic\": \"BE\"", // truncated JSON
                13 when i % 300 == 113 => ((Func<string>)(() => { request["prc"]!["sd"] = "2031-01-01"; return request.ToJsonString(); }))(), // sd after ed
                13 => ((Func<string>)(() => { request["prc"]!["ii"] = "12"; return request.ToJsonString(); }))(), // institution id too short
                _ => request.ToJsonString(),
            };
            writer.WriteLine(line);
            if (i % 100 == 13)
            {
                invalidLines.Add(i + 1);
            }
            else
            {
                validIds.Add($"req-{i}");
            }
        }

        return path;
    }

    private CliRunner.Result RunBatch(string requests, params string[] extra) =>
        CliRunner.RunAt(Clock.At(Today), ["issue", "batch", "--requests", requests, "--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem"), "--out-dir", Out, .. extra]);

    private HashSet<string> IssuedIds() => [.. Directory.GetFiles(Out, "*.pdf").Select(file => Path.GetFileNameWithoutExtension(file))];

    [Fact]
    public void Ten_thousand_requests_with_one_percent_invalid_issue_exactly_the_valid_ones_and_report_every_invalid_line()
    {
        var requests = WriteJsonl(10_000, out var validIds, out var invalidLines);
        var result = RunBatch(requests);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(validIds, IssuedIds());
        var reported = File.ReadAllLines(Path.Combine(Out, BatchIssuer.ErrorReportName)).Select(l => long.Parse(l["line ".Length..l.IndexOf(':', StringComparison.Ordinal)], System.Globalization.CultureInfo.InvariantCulture)).ToHashSet();
        Assert.Equal(invalidLines, reported);
        Assert.Contains($"Issued {validIds.Count:N0}, skipped 0 (already issued), failed {invalidLines.Count}", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("Testperson", File.ReadAllText(Path.Combine(Out, BatchIssuer.ErrorReportName)), StringComparison.Ordinal);

        // A sample of the documents: the QR in each PDF verifies against the sample registry and carries its jti.
        var verifier = new Credentials.Verification.QrTokenVerifier(Credentials.Trust.ResolverListFormat.Load(Repository.Samples("registry.json")), Clock.At(Today));
        foreach (var id in validIds.Order(StringComparer.Ordinal).Where((_, i) => i % 997 == 0))
        {
            var report = verifier.Verify(PdfQrReader.ReadAll(File.ReadAllBytes(Path.Combine(Out, id + ".pdf")))[0], Today);
            ReportAssert.Approved(report);
            Assert.Equal(id, report.Payload!.TokenId);
        }

        // Run again: nothing is issued twice.
        var again = RunBatch(requests);
        Assert.Contains($"Issued 0, skipped {validIds.Count:N0} (already issued), failed {invalidLines.Count}", again.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_run_killed_midway_and_started_again_issues_each_valid_request_exactly_once()
    {
        var requests = WriteJsonl(3_000, out var validIds, out _);
        var cli = Path.Combine(AppContext.BaseDirectory, "credentials.dll");
        var start = new ProcessStartInfo("dotnet", [cli, "issue", "batch", "--requests", requests, "--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem"), "--out-dir", Out])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using (var process = Process.Start(start)!)
        {
            var deadline = Stopwatch.StartNew();
            while (!process.HasExited && (!Directory.Exists(Out) || Directory.GetFiles(Out, "*.pdf").Length < 300) && deadline.Elapsed < TimeSpan.FromMinutes(2))
            {
                Thread.Sleep(20);
            }

            if (process.HasExited)
            {
                Assert.Fail("the batch ended before it could be killed: " + process.StandardError.ReadToEnd());
            }

            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        var before = IssuedIds();
        Assert.InRange(before.Count, 300, validIds.Count - 1);
        Assert.Subset(validIds, before);

        // Started again as a user would, on the same machine and clock as the run that was killed.
        var result = CliRunner.Run(CliRunner.FixedClock(), null, ["issue", "batch", "--requests", requests, "--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem"), "--out-dir", Out]);
        Assert.Equal(validIds, IssuedIds());
        Assert.Empty(Directory.GetFiles(Out, "*.partial"));
        Assert.Contains($"Issued {validIds.Count - before.Count:N0}, skipped {before.Count:N0} (already issued)", result.Out, StringComparison.Ordinal);
        foreach (var pdf in Directory.GetFiles(Out, "*.pdf"))
        {
            Assert.True(PdfQrReader.IsPdf(File.ReadAllBytes(pdf)) && new FileInfo(pdf).Length > 1000, $"{pdf} is not a complete PDF");
        }
    }

    [Fact]
    public void CSV_requests_issue_like_JSON_lines_and_a_bad_record_is_reported_by_its_line()
    {
        var csv = Path.Combine(folder, "requests.csv");
        File.WriteAllText(csv, string.Join("\n",
            "jti,ic,fn,gn,dob,hi,in,ii,ci,sd,ed,xd,di",
            "csv-1,BE,\"Dupont, Müller\",Émilie,1987-04-00,87040012345,CM,0120,,2026-01-01,2030-12-31,,2026-06-15",
            "csv-2,BE,\"O\"\"Brien\",Seán,1990-01-01,90010100222,CM,0120,01200000012345678901,2026-01-01,2030-12-31,2031-12-31,2026-06-15",
            "csv-3,BE,Janssens,\"Jan",
            "Pieter\",1990-01-01,90010100222,CM,0120,,2026-01-01,2030-12-31,,2026-06-15",
            "csv-4,BE,Short,Row",
            "csv-5,BE,Maes,Lucas,2015-03-15,15031501101,CM,0120,,2026-01-01,2030-12-31,,2026-06-15",
            string.Empty));
        var result = RunBatch(csv);
        Assert.Equal(1, result.ExitCode);
        Assert.Equal(new HashSet<string>(["csv-1", "csv-2", "csv-5"]), IssuedIds());
        var errors = File.ReadAllText(Path.Combine(Out, BatchIssuer.ErrorReportName));

        // RFC 4180 §2.6: a quoted field may hold a line break; the record is one request (refused: a name cannot hold
        // a line break), reported by the line it starts on, and the lines after it keep their numbers.
        Assert.Contains("line 4: CONTROL_CHARACTER at /prc/gn", errors, StringComparison.Ordinal);
        Assert.Contains("line 6: 4 fields where the header has 13", errors, StringComparison.Ordinal);
        Assert.Contains("Dupont, Müller", PdfTools.Text(File.ReadAllBytes(Path.Combine(Out, "csv-1.pdf"))), StringComparison.Ordinal);
        Assert.Contains("O\"Brien", PdfTools.Text(File.ReadAllBytes(Path.Combine(Out, "csv-2.pdf"))), StringComparison.Ordinal);
    }

    [Fact]
    public void A_CSV_quote_that_is_never_closed_cannot_make_the_reader_hold_the_rest_of_the_file()
    {
        var csv = Path.Combine(folder, "requests.csv");
        using (var writer = new StreamWriter(csv))
        {
            writer.WriteLine("jti,ic,fn,gn,dob,hi,in,ii,ci,sd,ed,xd,di");
            writer.WriteLine("csv-1,BE,Maes,Lucas,2015-03-15,15031501101,CM,0120,,2026-01-01,2030-12-31,,2026-06-15");
            writer.Write("csv-2,BE,\"never closed");
            for (var i = 0; i < 40_000; i++)
            {
                writer.WriteLine(",a line the open quote swallows,BE,0120,2026-01-01");
            }
        }

        var result = RunBatch(csv);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("a CSV record is longer than 1024 KiB", result.Error, StringComparison.Ordinal);
        Assert.Contains("csv-1", IssuedIds());
    }

    [Fact]
    public void Two_batches_started_at_once_into_one_folder_never_sign_a_document_twice()
    {
        var requests = WriteJsonl(300, out var validIds, out _);
        string[] Args() => ["issue", "batch", "--requests", requests, "--key", Repository.Samples("keys", "es256.key.pem"), "--cert", Repository.Samples("keys", "es256.cert.pem"), "--out-dir", Out, "--workers", "1"];
        using var first = CliProcess.Start(Args());
        using var second = CliProcess.Start(Args());
        var outputs = new[] { first, second }.Select(p => (Out: p.StandardOutput.ReadToEndAsync(), Error: p.StandardError.ReadToEndAsync(), Process: p)).ToList();
        foreach (var run in outputs)
        {
            Assert.True(run.Process.WaitForExit(TimeSpan.FromMinutes(3)));
        }

        var results = outputs.Select(r => (r.Process.ExitCode, Text: r.Out.Result + r.Error.Result)).ToList();

        // One run holds the folder; the other either waits it out and then finds everything done, or is refused clearly.
        Assert.All(results, r => Assert.DoesNotContain("also the id of another request", r.Text, StringComparison.Ordinal));
        Assert.Contains(results, r => r.ExitCode == 1);
        Assert.All(results.Where(r => r.ExitCode == 2), r => Assert.Contains("is being written by another batch", r.Text, StringComparison.Ordinal));
        Assert.Equal(validIds, IssuedIds());
        Assert.Empty(Directory.GetFiles(Out, "*.partial"));
    }

    [Fact]
    public void Request_files_saved_with_a_UTF8_byte_order_mark_are_read()
    {
        var template = File.ReadAllText(Repository.Samples("requests", "prc.json")).Replace("\n", " ", StringComparison.Ordinal);
        var jsonl = Path.Combine(folder, "requests.jsonl");
        File.WriteAllText(jsonl, template.Replace("5d1f2c7a-8e3b-4f6d-a9c0-1b2e3d4f5a6b", "bom-jsonl", StringComparison.Ordinal) + "\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        var csv = Path.Combine(folder, "requests.csv");
        File.WriteAllText(csv, "jti,ic,fn,gn,dob,hi,in,ii,sd,ed,di\nbom-csv,BE,Maes,Lucas,2015-03-15,15031501101,CM,0120,2026-01-01,2030-12-31,2026-06-15\n", new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.True(File.ReadAllBytes(csv)[0] == 0xEF && File.ReadAllBytes(jsonl)[0] == 0xEF);

        Assert.Equal(0, RunBatch(jsonl).ExitCode);
        Assert.Equal(0, RunBatch(csv).ExitCode);
        Assert.Equal(new HashSet<string>(["bom-jsonl", "bom-csv"]), IssuedIds());

        // Nothing failed: no error report is written.
        Assert.False(File.Exists(Path.Combine(Out, BatchIssuer.ErrorReportName)));
    }

    [Fact]
    public void A_CSV_header_with_an_unknown_column_is_refused_before_anything_is_issued()
    {
        var csv = Path.Combine(folder, "requests.csv");
        File.WriteAllText(csv, "jti,ic,surname\nx,BE,Peeters\n");
        var result = RunBatch(csv);
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("unknown column 'surname'", result.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out) && Directory.GetFiles(Out, "*.pdf").Length > 0);
    }

    [Fact]
    public void Requests_without_a_jti_get_a_stable_id_from_their_content_and_a_repeated_request_is_issued_once()
    {
        var template = JsonNode.Parse(File.ReadAllText(Repository.Samples("requests", "prc.json")))!.AsObject();
        template.Remove("jti");
        template["prc"]!["di"] = "2026-06-15";
        var line = template.ToJsonString();
        var requests = Path.Combine(folder, "requests.jsonl");
        File.WriteAllText(requests, line + "\n\n" + line + "\n" + new string('x', 70_000) + "\n");
        var result = RunBatch(requests, "--workers", "1");
        var issued = Assert.Single(IssuedIds());
        Assert.StartsWith("prc-", issued, StringComparison.Ordinal);
        Assert.Contains("skipped 1", result.Out, StringComparison.Ordinal);
        Assert.Contains("line 4: the line is longer than 65536 bytes.", File.ReadAllText(Path.Combine(Out, BatchIssuer.ErrorReportName)), StringComparison.Ordinal);

        var verifier = new Credentials.Verification.QrTokenVerifier(Credentials.Trust.ResolverListFormat.Load(Repository.Samples("registry.json")), Clock.At(Today));
        var report = verifier.Verify(PdfQrReader.ReadAll(File.ReadAllBytes(Path.Combine(Out, issued + ".pdf")))[0], Today);
        Assert.Equal(issued, report.Payload!.TokenId);
    }

    [Fact]
    public void Progress_is_reported_while_running_and_a_cancelled_run_is_finished_by_the_next()
    {
        var requests = WriteJsonl(1_500, out var validIds, out _); // long enough to be stopped midway on any machine
        using var signer = Credentials.Issuance.Keys.SigningKeyLoader.Load(Repository.Samples("keys", "es256.key.pem"), Repository.Samples("keys", "es256.cert.pem"), null);
        var reports = new System.Collections.Concurrent.ConcurrentQueue<BatchProgress>();
        using var stop = new CancellationTokenSource();
        var progress = new Progress(value =>
        {
            reports.Enqueue(value);
            if (value.Issued >= 50)
            {
                stop.Cancel();
            }
        });
        var first = new BatchIssuer(signer, Clock.At(Today)).Run(requests, new BatchOptions { OutputFolder = Out, Workers = 2, Progress = progress }, stop.Token);
        Assert.True(first.Cancelled);
        Assert.InRange(first.Issued, 50, validIds.Count - 1);
        Assert.NotEmpty(reports);
        Assert.All(reports, r => Assert.True(r.BytesRead <= r.BytesTotal && r.Rate >= 0));

        reports.Clear();
        var second = new BatchIssuer(signer, Clock.At(Today)).Run(requests, new BatchOptions { OutputFolder = Out, Workers = 2, Progress = new Progress(reports.Enqueue) });
        Assert.False(second.Cancelled);
        Assert.Equal(validIds.Count, first.Issued + second.Issued);
        Assert.Equal(first.Issued, second.Skipped);
        Assert.Equal(validIds, IssuedIds());
        var last = reports.Last();
        Assert.Equal((second.Issued, last.BytesTotal), (last.Issued, last.BytesRead));
    }

    [Fact]
    public void A_document_that_cannot_be_written_stops_the_batch_with_a_clear_error_and_no_hang()
    {
        var requests = WriteJsonl(300, out _, out _);
        Directory.CreateDirectory(Path.Combine(Out, "req-150.pdf.0.partial")); // where the worker must write a file
        var result = RunBatch(requests, "--workers", "1");
        Assert.Equal(2, result.ExitCode);
        Assert.Contains("the batch stopped:", result.Error, StringComparison.Ordinal);
        Assert.Contains("run the same command again", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.All(Directory.GetFiles(Out, "*.pdf"), pdf => Assert.True(new FileInfo(pdf).Length > 1000));
    }

    [Fact]
    public void A_batch_may_mix_ePRC_and_eEHIC_requests_and_each_gets_its_own_document()
    {
        var prc = JsonNode.Parse(File.ReadAllText(Repository.Samples("requests", "prc.json")))!;
        var ehic = JsonNode.Parse(File.ReadAllText(Repository.Samples("requests", "ehic.json")))!;
        var requests = Path.Combine(folder, "mixed.jsonl");
        File.WriteAllText(requests, prc.ToJsonString() + "\n" + ehic.ToJsonString() + "\n");
        var result = RunBatch(requests);
        Assert.Equal(0, result.ExitCode);
        Assert.Equal(1, PdfTools.PageCount(File.ReadAllBytes(Path.Combine(Out, (string)prc["jti"]! + ".pdf"))));
        Assert.Equal(2, PdfTools.PageCount(File.ReadAllBytes(Path.Combine(Out, (string)ehic["jti"]! + ".pdf"))));
    }

    [Fact]
    public void The_time_left_follows_the_share_of_the_file_read()
    {
        var halfway = new BatchProgress(Issued: 100, Skipped: 0, Failed: 0, BytesRead: 500, BytesTotal: 1000, Elapsed: TimeSpan.FromSeconds(10));
        Assert.Equal(10, halfway.Rate);
        Assert.Equal(TimeSpan.FromSeconds(10), halfway.Remaining);
        Assert.Null((halfway with { BytesRead = 1000 }).Remaining);
    }

    /// <summary>An <see cref="IProgress{T}"/> that reports on the calling thread (the BCL's posts to a context).</summary>
    private sealed class Progress(Action<BatchProgress> report) : IProgress<BatchProgress>
    {
        public void Report(BatchProgress value) => report(value);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
