using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Credentials.Benchmarks;

/// <summary>
/// One operation against its baseline in alternating blocks (baseline, then operation, over and over), each block
/// timed twice: by the wall clock and by this thread's CPU time. On a shared machine a neighbour's burst lands in
/// both rows alike, and the CPU time leaves out the time the thread waited for a core, which under a heavy load is
/// most of the wall time. Medians and fastest blocks are compared.
/// </summary>
internal static partial class InterleavedComparison
{
    private const int Rounds = 41;

    /// <summary>Runs the comparison and prints the rates as a share of the baseline's, with <paramref name="floor"/> (its wording) beside them.</summary>
    public static void Run(string name, Func<bool> baseline, Func<bool> operation, string floor, int blockSize = 500)
    {
        // Long enough for the JIT to reach its optimised tier on both paths.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(3))
        {
            baseline();
            operation();
        }

        var baseWall = new double[Rounds];
        var baseCpu = new double[Rounds];
        var wall = new double[Rounds];
        var cpu = new double[Rounds];
        var allocated = 0L;
        for (var round = 0; round < Rounds; round++)
        {
            (baseWall[round], baseCpu[round]) = Block(baseline, blockSize);
            var before = GC.GetAllocatedBytesForCurrentThread();
            (wall[round], cpu[round]) = Block(operation, blockSize);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Console.WriteLine($"{name} (floor: {floor}; {allocated / (Rounds * blockSize):N0} B allocated per operation; load average {LoadAverage()})");
        Console.WriteLine($"  wall clock: medians {Median(baseWall):F1} µs vs {Median(wall):F1} µs = {Median(baseWall) / Median(wall):P1}; fastest blocks {Min(baseWall):F1} µs vs {Min(wall):F1} µs = {Min(baseWall) / Min(wall):P1}");
        Console.WriteLine($"  thread CPU: medians {Median(baseCpu):F1} µs vs {Median(cpu):F1} µs = {Median(baseCpu) / Median(cpu):P1}; fastest blocks {Min(baseCpu):F1} µs vs {Min(cpu):F1} µs = {Min(baseCpu) / Min(cpu):P1}");
    }

    private static (double Wall, double Cpu) Block(Func<bool> operation, int blockSize)
    {
        var cpuStart = ThreadCpuNanoseconds();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < blockSize; i++)
        {
            if (!operation())
            {
                throw new InvalidOperationException("the benchmark's operation failed.");
            }
        }

        var wall = watch.Elapsed.TotalMicroseconds / blockSize;
        var cpu = (ThreadCpuNanoseconds() - cpuStart) / 1000.0 / blockSize;
        return (wall, cpu);
    }

    private static double Median(double[] values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        return sorted[sorted.Length / 2];
    }

    private static double Min(double[] values) => values.Min();

    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "unknown";

    /// <summary>This thread's CPU time (Linux <c>CLOCK_THREAD_CPUTIME_ID</c>); elsewhere the process's, which is close for one busy thread.</summary>
    private static long ThreadCpuNanoseconds()
    {
        if (OperatingSystem.IsLinux() && ClockGetTime(ThreadCpuClock, out var time) == 0)
        {
            return (time.Seconds * 1_000_000_000) + time.Nanoseconds;
        }

        return (long)(Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds * 1_000_000);
    }

    private const int ThreadCpuClock = 3;

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
