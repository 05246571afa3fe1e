using BenchmarkDotNet.Running;
using Credentials.Benchmarks;

// Run all: dotnet run -c Release --project tests/Credentials.Benchmarks -- --filter '*'
// The verify ratio in interleaved blocks: dotnet run -c Release --project tests/Credentials.Benchmarks -- --interleaved-verify
if (args is ["--interleaved-verify"])
{
    InterleavedVerifyRatio.Run();
    return 0;
}

// The PKCS#11 sign ratio in interleaved blocks (needs softhsm2): ... -- --interleaved-pkcs11
if (args is ["--interleaved-pkcs11"])
{
    Pkcs11Benchmarks.RunInterleaved();
    return 0;
}

// The ePRC PDF's CPU time per document, interleaved with raw signatures: ... -- --interleaved-pdf
if (args is ["--interleaved-pdf"])
{
    DocumentBenchmarks.RunInterleaved();
    return 0;
}

// The SD-JWT ratios in interleaved blocks: dotnet run -c Release --project tests/Credentials.Benchmarks -- --interleaved-sd-jwt
if (args is ["--interleaved-sd-jwt"])
{
    SdJwtBenchmarks.RunInterleaved();
    return 0;
}

// The SD-JWT VC eEHIC ratios in interleaved blocks: dotnet run -c Release --project tests/Credentials.Benchmarks -- --interleaved-wallet
if (args is ["--interleaved-wallet"])
{
    WalletCredentialBenchmarks.RunInterleaved();
    return 0;
}

// One QR pipeline operation in a loop, for a sampling profiler: ... -- --profile-loop verify|issue|snapshot SECONDS
if (args is ["--profile-loop", var operation, var loopSeconds])
{
    return ProfileLoop.Run(operation, int.Parse(loopSeconds, System.Globalization.CultureInfo.InvariantCulture));
}

// Only the eEHIC+KB verification, in a loop, for a CPU profiler to attach to: ... -- --loop-wallet-verify SECONDS
if (args is ["--loop-wallet-verify", var walletLoopSeconds])
{
    WalletCredentialBenchmarks.RunVerifyLoop(int.Parse(walletLoopSeconds, System.Globalization.CultureInfo.InvariantCulture));
    return 0;
}

// The verify API under load (tests/Credentials.Benchmarks/load/verify-api.sh): a fixed-rate HTTP client, and the
// in-process rate it is compared with.
if (args is ["--paced-load", var url, var body, var rate, var seconds, .. var rest])
{
    return PacedLoadClient.Run(url, body, int.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), int.Parse(seconds, System.Globalization.CultureInfo.InvariantCulture), rest is [var connections] ? int.Parse(connections, System.Globalization.CultureInfo.InvariantCulture) : 64);
}

if (args is ["--in-process-verify", var qrText, var registry, .. var time])
{
    InProcessVerifyRate.Run(qrText, registry, time is [var given] ? int.Parse(given, System.Globalization.CultureInfo.InvariantCulture) : 20);
    return 0;
}

BenchmarkSwitcher.FromAssembly(typeof(PipelineBenchmarks).Assembly).Run(args);
return 0;
