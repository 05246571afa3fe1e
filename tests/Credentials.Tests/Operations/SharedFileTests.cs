using System.Diagnostics;
using System.Text;
using Credentials.IO;

namespace Credentials.Tests.Operations;

/// <summary>
/// <see cref="SharedFile"/>: writers in many threads and many processes at once lose nothing, wait for each other
/// within a bound, and leave no temporary file behind.
/// </summary>
public sealed class SharedFileTests : IDisposable
{
    private const int Writers = 12;
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-shared-").FullName;

    private string FilePath => Path.Combine(folder, "list.txt");

    private static string WriterProgram { get; } = Path.Combine(AppContext.BaseDirectory, "Credentials.Testing.FileWriter.dll");

    [Fact]
    public void Twelve_threads_each_with_its_own_file_stream_lose_no_update()
    {
        const int Each = 25;
        using var start = new Barrier(Writers);
        var threads = Enumerable.Range(1, Writers).Select(writer => new Thread(() =>
        {
            start.SignalAndWait();
            for (var i = 1; i <= Each; i++)
            {
                SharedFile.Update(FilePath, current => [.. current ?? [], .. Encoding.UTF8.GetBytes($"thread-{writer} {i}\n")], maxBytes: 1 << 20);
            }
        })).ToList();
        threads.ForEach(thread => thread.Start());
        threads.ForEach(thread => thread.Join());

        AssertAllLines(Enumerable.Range(1, Writers).SelectMany(writer => Enumerable.Range(1, Each).Select(i => $"thread-{writer} {i}")));
    }

    [Fact]
    public void Twelve_processes_writing_one_file_at_once_lose_no_update()
    {
        Assert.True(File.Exists(WriterProgram), $"the helper program is not built beside the tests: {WriterProgram}");
        const int Each = 10;
        var processes = Enumerable.Range(1, Writers).Select(writer =>
        {
            var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, UseShellExecute = false };
            foreach (var arg in new[] { "exec", WriterProgram, FilePath, $"process-{writer}", Each.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            {
                start.ArgumentList.Add(arg);
            }

            return Process.Start(start)!;
        }).ToList();

        foreach (var process in processes)
        {
            using (process)
            {
                var error = process.StandardError.ReadToEnd();
                Assert.True(process.WaitForExit(TimeSpan.FromMinutes(2)), "a writer did not finish");
                Assert.True(process.ExitCode == 0, error);
            }
        }

        AssertAllLines(Enumerable.Range(1, Writers).SelectMany(writer => Enumerable.Range(1, Each).Select(i => $"process-{writer} {i}")));
    }

    [Fact]
    public void A_writer_that_cannot_get_the_lock_in_time_fails_with_a_message_naming_the_file()
    {
        File.WriteAllText(FilePath, "before\n");
        using (SharedFile.Lock(FilePath))
        {
            var watch = Stopwatch.StartNew();
            var error = Assert.Throws<IOException>(() => SharedFile.Write(FilePath, "after\n"u8, TimeSpan.FromMilliseconds(300)));
            Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(300), $"gave up after {watch.Elapsed}");
            Assert.Contains($"'{FilePath}' is being written by another process", error.Message, StringComparison.Ordinal);
            Assert.Contains("list.txt.lock", error.Message, StringComparison.Ordinal);
        }

        Assert.Equal("before\n", File.ReadAllText(FilePath));
        SharedFile.Write(FilePath, "after\n"u8); // released: the next writer gets in
        Assert.Equal("after\n", File.ReadAllText(FilePath));
    }

    [Fact]
    public void A_failed_replace_keeps_the_old_content_and_leaves_no_temporary_file()
    {
        using (var held = SharedFile.Lock(FilePath))
        {
            Directory.CreateDirectory(FilePath); // something else put a folder where the file goes
            var error = Assert.Throws<IOException>(() => held.Replace("new\n"u8));
            Assert.Contains("is a folder, not a file", error.Message, StringComparison.Ordinal);
        }

        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
        var refused = Assert.Throws<IOException>(() => SharedFile.Lock(FilePath));
        Assert.Contains("is a folder, not a file", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_content_is_replaced_in_one_step_so_a_reader_never_sees_half_of_it()
    {
        var small = Encoding.UTF8.GetBytes(new string('a', 10) + "\n");
        var large = Encoding.UTF8.GetBytes(new string('b', 4 << 20) + "\n");
        SharedFile.Write(FilePath, small);
        var writer = Task.Run(() =>
        {
            for (var i = 0; i < 30; i++)
            {
                SharedFile.Write(FilePath, i % 2 == 0 ? large : small);
            }
        });

        var reads = 0;
        while (!writer.IsCompleted)
        {
            var seen = File.ReadAllBytes(FilePath);
            Assert.True(seen.AsSpan().SequenceEqual(small) || seen.AsSpan().SequenceEqual(large), $"read {seen.Length} bytes: half a file");
            reads++;
        }

        await writer;
        Assert.True(reads > 0);
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private void AssertAllLines(IEnumerable<string> expected)
    {
        var lines = File.ReadAllLines(FilePath);
        Assert.Equal(expected.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetFiles(folder, "*.tmp"));
    }
}
