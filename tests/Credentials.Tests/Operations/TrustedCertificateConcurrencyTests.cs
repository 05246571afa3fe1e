using Credentials.Trust;

namespace Credentials.Tests.Operations;

/// <summary>One <see cref="TrustedCertificate"/> shared by many verifications at once, as in a web host.</summary>
public sealed class TrustedCertificateConcurrencyTests
{
    private const int Threads = 16;

    [Fact]
    public void Many_threads_meeting_a_certificate_first_get_one_certificate_one_key_and_the_same_dates()
    {
        using var pem = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPem(File.ReadAllText(Repository.Samples("keys", "es256.cert.pem")));
        var der = pem.RawData;
        var from = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var until = new DateTimeOffset(2035, 12, 31, 23, 59, 59, TimeSpan.Zero);
        for (var round = 0; round < 200; round++)
        {
            // A fresh certificate each round: every thread arrives while its lazy fields are still empty.
            var shared = TrustedCertificate.FromDer(der, from, until);
            var seen = new (object Certificate, object? Key, string Thumbprint, bool Inside, bool Before)[Threads];
            using var start = new Barrier(Threads);
            var threads = Enumerable.Range(0, Threads).Select(t => new Thread(() =>
            {
                start.SignalAndWait();
                var key = shared.GetVerificationKey(out var problem);
                Assert.Null(problem);
                seen[t] = (shared.Certificate, key, shared.Thumbprint, shared.IsValidOn(new DateOnly(2030, 1, 1)), shared.IsValidOn(new DateOnly(2024, 12, 31)));
            })).ToList();
            threads.ForEach(thread => thread.Start());
            threads.ForEach(thread => thread.Join());

            Assert.All(seen, s => Assert.Same(seen[0].Certificate, s.Certificate));
            Assert.All(seen, s => Assert.Same(seen[0].Key, s.Key));
            Assert.All(seen, s => Assert.Equal(("mE5QLHp1-iqcF3GXUnBEGxv39HRXB_BA0FKrNGh3Nek", true, false), (s.Thumbprint, s.Inside, s.Before)));
        }
    }
}
