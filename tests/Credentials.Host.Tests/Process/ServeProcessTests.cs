using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Credentials.Host.Tests.Support;

namespace Credentials.Host.Tests.Process;

/// <summary>
/// <c>credentials serve</c> as an operator runs it, a child process on a fresh data folder: it starts with no
/// setting (the generated test issuer), says where to browse, answers health and a verify call, refuses a
/// non-loopback address without a certificate and a bad setting with one line and exit 2, and stops on SIGTERM.
/// </summary>
public sealed partial class ServeProcessTests : IDisposable
{
    private readonly string data = Directory.CreateTempSubdirectory("credentials-serve-").FullName;
    private readonly HttpClient http = new() { Timeout = TimeSpan.FromSeconds(30) };

    private Dictionary<string, string> Environment => new() { ["CREDENTIALS_DATA"] = data };

    [Fact]
    public async Task A_fresh_machine_serves_with_no_setting_answers_health_and_verify_and_stops_on_SIGTERM()
    {
        using var server = CliProcess.Start(["serve", "--urls", "http://127.0.0.1:0"], Environment);
        var output = new StringBuilder();
        var errors = new StringBuilder();
        server.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        server.BeginErrorReadLine();
        Uri? root = null;
        var deadline = Stopwatch.StartNew();
        while (root is null && deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            var line = await server.StandardOutput.ReadLineAsync();
            if (line is null)
            {
                break;
            }

            output.AppendLine(line);
            if (ServingAt().Match(line) is { Success: true } match)
            {
                root = new Uri(match.Groups[1].Value + "/");
                Assert.Contains($"Browse to {match.Groups[1].Value}/verify", line, StringComparison.Ordinal);
            }
        }

        try
        {
            Assert.True(root is not null, $"no 'Serving at' line: {output}{errors}");
            using (var ready = await http.GetAsync(new Uri(root, "health/ready")))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            // The test issuer's sample, verified through the API: approved (it carries no rid: step 6 warns).
            var sample = await http.GetByteArrayAsync(new Uri(root, "demo/sample-eprc.pdf"));
            using var content = new ByteArrayContent(sample);
            using var verified = await http.PostAsync(new Uri(root, "api/v1/verify"), content);
            var export = JsonDocument.Parse(await verified.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal("Approved", export.GetProperty("conclusion").GetString());

            var watch = Stopwatch.StartNew();
            CliProcess.Signal(server, "TERM");
            var rest = await server.StandardOutput.ReadToEndAsync();
            Assert.True(server.WaitForExit(TimeSpan.FromSeconds(15)), "still running after SIGTERM");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed} to stop");
            Assert.Equal(0, server.ExitCode);
            output.Append(rest);
            lock (errors)
            {
                Assert.Contains("generated test issuer", errors.ToString() + output, StringComparison.Ordinal);
            }

            Assert.Contains("Stopped.", output.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            if (!server.HasExited)
            {
                server.Kill(entireProcessTree: true);
            }

            LogCapture.Add("credentials serve stdout", output.ToString());
            lock (errors)
            {
                LogCapture.Add("credentials serve stderr", errors.ToString());
            }
        }
    }

    [Theory]
    [InlineData("http://0.0.0.0:0", "plain HTTP on an address other than loopback")]
    [InlineData("http://[::]:0", "plain HTTP on an address other than loopback")]
    [InlineData("https://127.0.0.1:0", "no certificate is configured")]
    public void An_address_that_needs_a_certificate_is_refused_with_one_line_and_exit_2(string url, string reason)
    {
        var result = CliProcess.Run(["serve", "--urls", url], environment: Environment, timeout: TimeSpan.FromSeconds(60));
        LogCapture.Add("credentials serve", result.ToString());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(reason, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => line.StartsWith("credentials:", StringComparison.Ordinal));
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Credentials:RateLimits:PermitLimit=many", "Credentials:RateLimits:PermitLimit: 'many' is not a value")]
    [InlineData("Credentials:RateLimits:PermitLimit=0", "Credentials:RateLimits:PermitLimit: 0 is not allowed")]
    [InlineData("Credentials:Trust:MaxAge=90.00:00:00", "Credentials:Trust:MaxAge")]
    [InlineData("Credentials:Frobnicate=1", "there is no setting 'Frobnicate'")]
    [InlineData("Credentials:PublicBaseUrl=ftp://example.org/", "Credentials:PublicBaseUrl")]
    [InlineData("Credentials:Trust:AllowTestIssuer=false", "no registry is given")]
    public void A_bad_setting_stops_the_start_with_one_line_naming_it_and_exit_2(string setting, string expected)
    {
        var result = CliProcess.Run(["serve", "--urls", "http://127.0.0.1:0", "--set", setting], environment: Environment, timeout: TimeSpan.FromSeconds(60));
        LogCapture.Add("credentials serve", result.ToString());
        Assert.Equal(2, result.ExitCode);
        Assert.Contains(expected, result.Error, StringComparison.Ordinal);
        Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [GeneratedRegex(@"^Serving at (http://127\.0\.0\.1:\d+)")]
    private static partial Regex ServingAt();

    public void Dispose()
    {
        http.Dispose();
        try
        {
            Directory.Delete(data, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
