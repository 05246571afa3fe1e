using System.Net.Http.Headers;
using Credentials.Host.Tests.Support;

namespace Credentials.Host.Tests;

/// <summary>
/// No personal data in the logs: every line logged by every host of this test run (at Trace level, with its
/// structured values and exceptions) and everything the CLI processes printed, scanned for the sample holders' names
/// and numbers and for the QR texts and tokens verified. It runs last; it first runs a round of its own (the API
/// and the page, approved, rejected and refused inputs) so that it never scans an empty log.
/// </summary>
[Collection(LogScanLast.Collection)]
public sealed class LogScanTests
{
    [Fact]
    public async Task No_log_line_of_the_whole_run_holds_a_name_a_number_a_QR_text_or_a_token()
    {
        using var scenario = new HostScenario();
        var issued = scenario.IssuePrc();
        using (var factory = new HostFactory(scenario.Settings()))
        {
            using var client = factory.CreateClient();
            foreach (var body in new[] { issued.QrText, HostScenario.Tampered(issued.QrText), issued.Token, "not a document" })
            {
                using var response = await client.PostAsync("/api/v1/verify", new StringContent(body));
                Assert.True(response.IsSuccessStatusCode || (int)response.StatusCode >= 400);
            }

            using var pdf = new ByteArrayContent(scenario.Pdf(issued));
            pdf.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
            using var verified = await client.PostAsync("/api/v1/verify", pdf);
            Assert.Contains("Approved", await verified.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var lines = LogCapture.Lines.ToList();
        Assert.Contains(lines, l => l.Contains("Verified an input of kind Pdf: Approved, ", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(": Approved, stopped at step", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Verified an input of kind QrText: Rejected, stopped at step 4", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("Refused an input of kind CompactJws", StringComparison.Ordinal));
        string[] secrets = [.. HostScenario.PersonalData, issued.QrText[..24], issued.QrText[^24..], issued.Token[^24..], HostScenario.Tampered(issued.QrText)[..24]];
        var leaks = lines.SelectMany(line => secrets.Where(secret => line.Contains(secret, StringComparison.Ordinal)).Select(secret => $"'{secret}' in: {line[..Math.Min(300, line.Length)]}")).ToList();
        Assert.True(leaks.Count == 0, string.Join("\n", leaks.Take(10)));
    }
}
