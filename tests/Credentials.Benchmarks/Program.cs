using BenchmarkDotNet.Running;

// Run all: dotnet run -c Release --project tests/Credentials.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Credentials.Benchmarks.PipelineBenchmarks).Assembly).Run(args);
