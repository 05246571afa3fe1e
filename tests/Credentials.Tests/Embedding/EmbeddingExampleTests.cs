using System.Text;
using Credentials.Issuance.Demo;
using Credentials.Trust;
using Credentials.Tests.Support;
using Credentials.WireFormat;

namespace Credentials.Tests.Embedding;

/// <summary>README's C# example of embedding the verifier is real code: the same text as a file here, compiled and run.</summary>
public sealed class EmbeddingExampleTests : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("credentials-embedding-").FullName;

    [Fact]
    public void The_README_shows_the_example_exactly_as_it_is_compiled_here()
    {
        var source = File.ReadAllText(Path.Combine(Repository.Root, "tests", "Credentials.Tests", "Embedding", "OfflineVerification.cs"));
        var code = source[source.IndexOf("using ", StringComparison.Ordinal)..].TrimEnd();
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md")).Replace("\r\n", "\n", StringComparison.Ordinal);
        Assert.Contains("```csharp\n" + code + "\n```", readme, StringComparison.Ordinal);
    }

    [Fact]
    public void The_example_approves_a_document_against_a_snapshot_and_refuses_an_older_snapshot()
    {
        using var scenario = Scenario.Es256();
        using var operatorPki = new TestPki(scenario.Clock.GetUtcNow().AddYears(-1), "Example registry operator CA");
        using var operatorKey = operatorPki.IssueSigner("example registry operator", rsa: false, scenario.Clock.GetUtcNow().AddDays(-10), scenario.Clock.GetUtcNow().AddYears(2));
        var signer = new JwsSigner(operatorKey);
        var now = scenario.Clock.GetUtcNow();
        var snapshot = Path.Combine(folder, "registry.snapshot.jwt");
        var certificate = Path.Combine(folder, "operator.cert.pem");
        var state = Path.Combine(folder, "trust-state.json");
        File.WriteAllText(certificate, operatorKey.Certificate.ExportCertificatePem());
        File.WriteAllText(snapshot, TrustSnapshotFormat.Sign([scenario.Demo.Issuer], 2, now.AddHours(-1), now.AddHours(23), signer));

        var qr = scenario.IssueValid().QrText;
        var answer = Hospital.Example.OfflineVerification.Verify(qr, snapshot, certificate, state, scenario.Clock);
        Assert.Equal($"approved: ePRC of BE:0120 CM, treatment date {Scenario.Today:yyyy-MM-dd}", answer);

        var tampered = QrTextCodec.Encode(QrTextCodec.Decode(qr)[..^4] + "AAAA");
        Assert.StartsWith("rejected at step 4 (SignatureInvalid)", Hospital.Example.OfflineVerification.Verify(tampered, snapshot, certificate, state, scenario.Clock), StringComparison.Ordinal);

        File.WriteAllText(snapshot, TrustSnapshotFormat.Sign([scenario.Demo.Issuer], 1, now.AddHours(-2), now.AddHours(22), signer));
        Assert.Equal(TrustSnapshotProblem.Rollback, Assert.Throws<TrustSnapshotException>(() => Hospital.Example.OfflineVerification.Verify(qr, snapshot, certificate, state, scenario.Clock)).Problem);
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
