using System.Text;
using Credentials.Batch;
using Credentials.Scanning;
using Credentials.Tests.Cli;
using Credentials.Tests.Support;

namespace Credentials.Tests.Batch;

/// <summary>
/// A resumed batch skips only the documents a run finished: a PDF found damaged in the output folder (cut short, its
/// end gone) is issued again under the same id; and a refused line's problems read as one sentence.
/// </summary>
public sealed class BatchResumeTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-batch-resume-").FullName;

    private string Out => Path.Combine(folder, "batch");

    private string WriteRequests(int count, string? broken = null)
    {
        var path = Path.Combine(folder, "requests.jsonl");
        var lines = Enumerable.Range(1, count).Select(i => CliSamples.PrcRequest($"sample-batch-{i:000}").ToJsonString()).ToList();
        if (broken is not null)
        {
            lines.Add(broken);
        }

        File.WriteAllLines(path, lines, new UTF8Encoding(false));
        return path;
    }

    private CliProcess.Result Run(string requests) =>
        CliProcess.Run(["issue", "batch", "--requests", requests, .. CliSamples.Key, "--out-dir", Out, "--workers", "2"]);

    [Fact]
    public void A_damaged_document_is_issued_again_with_the_same_id_and_the_others_are_skipped()
    {
        var requests = WriteRequests(5);
        var first = Run(requests);
        Assert.True(first.ExitCode == 0, first.ToString());

        // One cut to 1,000 bytes, one missing only its last bytes (past any minimum size), as a failed copy leaves them.
        var cut = Path.Combine(Out, "sample-batch-003.pdf");
        var ended = Path.Combine(Out, "sample-batch-004.pdf");
        var untouched = Path.Combine(Out, "sample-batch-001.pdf");
        var untouchedBytes = File.ReadAllBytes(untouched);
        File.WriteAllBytes(cut, File.ReadAllBytes(cut)[..1000]);
        var endedBytes = File.ReadAllBytes(ended);
        File.WriteAllBytes(ended, endedBytes[..^20]);

        var again = Run(requests);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("Issued 2, skipped 3 (already issued), failed 0", again.Out, StringComparison.Ordinal);
        Assert.Equal(untouchedBytes, File.ReadAllBytes(untouched));

        var verifier = new Credentials.Verification.QrTokenVerifier(Credentials.Trust.ResolverListFormat.Load(Repository.Samples("registry.json")), Clock.At(2026, 6, 20));
        foreach (var (file, id) in new[] { (cut, "sample-batch-003"), (ended, "sample-batch-004") })
        {
            var report = verifier.Verify(PdfQrReader.ReadAll(File.ReadAllBytes(file))[0], new DateOnly(2026, 6, 20));
            Assert.True(report.IsApproved, string.Join("\n", report.Steps));
            Assert.Equal(id, report.Payload!.TokenId);
        }

        Assert.Contains("Issued 0, skipped 5", Run(requests).Out, StringComparison.Ordinal);
    }

    [Fact]
    public void A_refused_line_lists_its_problems_as_one_sentence()
    {
        var broken = CliSamples.PrcRequest("broken");
        broken["prc"]!["sd"] = "2031-01-01";
        broken["prc"]!["ed"] = "2030-12-31";
        var result = Run(WriteRequests(1, broken.ToJsonString()));
        Assert.True(result.ExitCode == 1, result.ToString());
        var line = Assert.Single(File.ReadAllLines(Path.Combine(Out, BatchIssuer.ErrorReportName)));
        Assert.StartsWith("line 2: ", line, StringComparison.Ordinal);
        Assert.Contains("; ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".;", line, StringComparison.Ordinal);
        Assert.DoesNotContain("..", line, StringComparison.Ordinal);
        Assert.EndsWith(".", line, StringComparison.Ordinal);
        Assert.DoesNotContain(".;", result.Error, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
