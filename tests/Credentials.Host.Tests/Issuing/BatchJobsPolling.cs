using System.Text.Json;

namespace Credentials.Host.Tests.Issuing;

/// <summary>Polls a batch job's status address until it says finished (bounded: a job that never ends fails the test).</summary>
internal static class BatchJobsPolling
{
    public static async Task<JsonElement> UntilFinishedAsync(HttpClient client, Uri status, TimeSpan? limit = null)
    {
        var deadline = DateTime.UtcNow + (limit ?? TimeSpan.FromSeconds(60));
        while (true)
        {
            var job = JsonDocument.Parse(await client.GetStringAsync(status)).RootElement.Clone();
            if (job.GetProperty("state").GetString() == "finished")
            {
                return job;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the batch job did not finish: {job}");
            }

            await Task.Delay(50);
        }
    }
}
