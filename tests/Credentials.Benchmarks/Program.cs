using BenchmarkDotNet.Running;
using Credentials.Benchmarks;

// Run all: dotnet run -c Release --project tests/Credentials.Benchmarks -- --filter '*'
// The verify ratio in interleaved blocks: dotnet run -c Release --project tests/Credentials.Benchmarks -- --interleaved-verify
if (args is ["--interleaved-verify"])
{
    InterleavedVerifyRatio.Run();
    return;
}

// The PKCS#11 sign ratio in interleaved blocks (needs softhsm2): ... -- --interleaved-pkcs11
if (args is ["--interleaved-pkcs11"])
{
    Pkcs11Benchmarks.RunInterleaved();
    return;
}

// The SD-JWT ratios in interleaved blocks: dotnet run -c Release --project tests/Credentials.Benchmarks -- --interleaved-sd-jwt
if (args is ["--interleaved-sd-jwt"])
{
    SdJwtBenchmarks.RunInterleaved();
    return;
}

// The SD-JWT VC eEHIC ratios in interleaved blocks: dotnet run -c Release --project tests/Credentials.Benchmarks -- --interleaved-wallet
if (args is ["--interleaved-wallet"])
{
    WalletCredentialBenchmarks.RunInterleaved();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
