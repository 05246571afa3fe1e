// README.md shows this file from "using" to the last brace: a test checks they are the same, and runs it.
using System.Security.Cryptography.X509Certificates;
using Credentials.Trust;
using Credentials.Verification;

namespace Hospital.Example;

/// <summary>A hospital's system verifying an ePRC, eEHIC or ISI+ QR code offline, with only Credentials.Core.</summary>
public static class OfflineVerification
{
    public static string Verify(string qrText, string snapshotFile, string operatorCertificateFile, string trustStateFile, TimeProvider clock)
    {
        // The registry operator's certificate is pinned; its signed snapshot of the trust registry is fetched daily.
        // The snapshot is checked before it is read, and one older than the last accepted is refused.
        using var operatorCertificate = X509Certificate2.CreateFromPem(File.ReadAllText(operatorCertificateFile));
        var snapshot = TrustSnapshotFormat.Open(File.ReadAllBytes(snapshotFile), operatorCertificate, new TrustStateFile(trustStateFile));

        // One verifier serves the whole application; VerifyOffline does no I/O (step 6 says it was not checked).
        var verifier = new QrTokenVerifier(snapshot.Registry, clock);
        var report = verifier.VerifyOffline(qrText);

        return report.IsApproved
            ? $"approved: {report.Document!.Name} of {report.Document.Institution}, treatment date {report.TreatmentDate:yyyy-MM-dd}"
            : $"rejected at step {(int)report.FailedStep!.Step} ({report.FailedStep.Code}): {report.FailedStep.Message}";
    }
}
