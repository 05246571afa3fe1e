using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Credentials.Signing.Pkcs11;

namespace Credentials.Host.Tests.Issuing;

/// <summary>
/// A private SoftHSM2 token for the host's signing tests: its own configuration in a temporary folder (SOFTHSM2_CONF
/// set where the native module reads it, before the module is first loaded), a token made with
/// <c>softhsm2-util --init-token</c>, an EC P-256 key generated on the token with <c>pkcs11-tool --keypairgen</c>
/// (never outside it), and its certificate signed on the token. Without softhsm2 the tests skip (fail under CI=true).
/// </summary>
public sealed partial class SoftHsmTokenFixture : IDisposable
{
    public const string ModulePath = "/usr/lib/softhsm/libsofthsm2.so";
    public const string TokenLabel = "host-signing";
    public const string KeyLabel = "be-0120-2026";
    public const string Pin = "user-pin-3318";

    private readonly Exception? setupFailure;
    private readonly string? folder;
    private readonly X509Certificate2? certificate;

    public SoftHsmTokenFixture()
    {
        var util = TestEnvironment.FindProgram("softhsm2-util");
        var tool = TestEnvironment.FindProgram("pkcs11-tool");
        if (util is null || tool is null || !File.Exists(ModulePath))
        {
            return;
        }

        try
        {
            folder = Directory.CreateTempSubdirectory("credentials-host-softhsm-").FullName;
            var tokens = Directory.CreateDirectory(Path.Combine(folder, "tokens")).FullName;
            var configuration = Path.Combine(folder, "softhsm2.conf");
            File.WriteAllText(configuration, $"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\nslots.removable = false\n");
            SetNativeVariable("SOFTHSM2_CONF", configuration);
            Run(util, configuration, "--init-token", "--free", "--label", TokenLabel, "--so-pin", "so-pin-5521", "--pin", Pin);
            Run(tool, configuration, "--module", ModulePath, "--token-label", TokenLabel, "--login", "--pin", Pin, "--keypairgen", "--key-type", "EC:prime256v1", "--label", KeyLabel, "--id", "01");

            // The certificate is signed on the token through the signer's ECDsa: the private key is never seen here.
            using var signer = Pkcs11Signer.Open(Options());
            var key = (ECDsa)signer.AsAsymmetricAlgorithm();
            var request = new CertificateRequest("CN=CM BE:0120 TEST HSM document signer, O=Credentials TEST", key, HashAlgorithmName.SHA256);
            request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
            certificate = request.Create(request.SubjectName, X509SignatureGenerator.CreateForECDsa(key), new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero), new DateTimeOffset(2031, 1, 1, 0, 0, 0, TimeSpan.Zero), [0x01]);
            CertificateFile = Path.Combine(folder, "hsm-signer.pem");
            File.WriteAllText(CertificateFile, certificate.ExportCertificatePem());
        }
#pragma warning disable CA1031 // Reported by every test that asks for the token, with this as the cause.
        catch (Exception e)
#pragma warning restore CA1031
        {
            setupFailure = e;
        }
    }

    /// <summary>The token's key certificate (self-signed on the token), as a file for the host's settings.</summary>
    public string CertificateFile { get => Ready(field); private set; } = string.Empty;

    /// <summary>The certificate of the key on the token.</summary>
    public X509Certificate2 Certificate => Ready(certificate!);

    /// <summary>Skips (fails under CI=true) without SoftHSM2 and pkcs11-tool.</summary>
    public void Require()
    {
        TestEnvironment.RequireProgram("softhsm2-util", "softhsm2");
        TestEnvironment.RequireProgram("pkcs11-tool", "opensc");
        TestEnvironment.RequireFile(ModulePath, "the SoftHSM2 PKCS#11 module (Debian package softhsm2)");
        if (setupFailure is not null)
        {
            throw new InvalidOperationException("the SoftHSM2 test token could not be set up.", setupFailure);
        }
    }

    public void Dispose()
    {
        certificate?.Dispose();
        if (folder is not null)
        {
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Left for the system's temporary-file cleanup.
            }
        }
    }

    private static Pkcs11SignerOptions Options() => new() { ModulePath = ModulePath, TokenLabel = TokenLabel, KeyLabel = KeyLabel, Pin = Pin, MaxSessions = 2 };

    private T Ready<T>(T value)
    {
        Require();
        return value;
    }

    private static void Run(string program, string configuration, params string[] arguments)
    {
        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["SOFTHSM2_CONF"] = configuration;
        using var process = System.Diagnostics.Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(program)} failed ({process.ExitCode}): {errors.Trim()} {output.Result.Trim()}");
        }
    }

    /// <summary>.NET keeps its own copy of the environment; SoftHSM2 reads the C library's, so set both.</summary>
    private static void SetNativeVariable(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows() && SetEnv(name, value, 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed with error {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
