using System.Diagnostics;
using Credentials.Net;

namespace Credentials.Tests.Operations;

/// <summary>The core's bounded download, against real servers on 127.0.0.1.</summary>
public sealed class BoundedDownloadTests : IDisposable
{
    private readonly HttpClient http = new();
    private readonly LoopbackHttpServer server = new();

    [Fact]
    public async Task A_Content_Length_over_the_limit_is_refused_before_the_body_is_read()
    {
        using var huge = RawHttpServer.AnnouncesHugeBody();
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<DownloadException>(() => BoundedDownload.GetAsync(http, huge.Address, new DownloadLimits(1024 * 1024, TimeSpan.FromSeconds(30))));

        // The server then sends nothing more and keeps the connection open: only refusing on the header ends this early.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(DownloadProblem.TooLarge, error.Problem);
        Assert.Contains("announces 1073741824 bytes", error.Message, StringComparison.Ordinal);
        Assert.Contains("1 MiB", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endless_body_is_refused_once_it_passes_the_limit()
    {
        using var endless = RawHttpServer.EndlessBody();
        var error = await Assert.ThrowsAsync<DownloadException>(() => BoundedDownload.GetAsync(http, endless.Address, new DownloadLimits(4 * 1024 * 1024, TimeSpan.FromSeconds(60))));
        Assert.Equal(DownloadProblem.TooLarge, error.Problem);
        Assert.Contains("the body is longer than the 4 MiB allowed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_answer_slower_than_the_timeout_is_refused_as_timed_out()
    {
        server.Handle("slow", _ => new LoopbackHttpServer.Reply(200, "{}"u8.ToArray(), Delay: TimeSpan.FromSeconds(3)));
        var error = await Assert.ThrowsAsync<DownloadException>(() => BoundedDownload.GetAsync(http, server.Url("slow"), new DownloadLimits(1024, TimeSpan.FromMilliseconds(300))));
        Assert.Equal(DownloadProblem.TimedOut, error.Problem);
        Assert.Contains("within 0.3 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_names_its_status_and_not_the_query()
    {
        server.Handle("list", _ => new LoopbackHttpServer.Reply(500, "boom"u8.ToArray()));
        var error = await Assert.ThrowsAsync<DownloadException>(() => BoundedDownload.GetAsync(http, server.Url("list?token=secret-value"), new DownloadLimits(1024, TimeSpan.FromSeconds(10))));
        Assert.Equal((DownloadProblem.Unreachable, 500), (error.Problem, error.StatusCode));
        Assert.Contains("HTTP 500", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-value", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Not_modified_answers_null_to_a_conditional_request()
    {
        server.Handle("list", request => request.Headers["If-None-Match"] == "\"v1\""
            ? new LoopbackHttpServer.Reply(304, [])
            : new LoopbackHttpServer.Reply(200, "{}"u8.ToArray(), new Dictionary<string, string> { ["ETag"] = "\"v1\"" }));
        var limits = new DownloadLimits(1024, TimeSpan.FromSeconds(10));
        var first = await BoundedDownload.GetAsync(http, server.Url("list"), limits);
        Assert.Equal("\"v1\"", first!.ETag!.ToString());
        Assert.Null(await BoundedDownload.GetAsync(http, server.Url("list"), limits, request => request.Headers.IfNoneMatch.Add(first.ETag)));
    }

    public void Dispose()
    {
        http.Dispose();
        server.Dispose();
    }
}
