using System.Diagnostics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Signing.Pkcs11.Tests.SoftHsm;

/// <summary>
/// A private SoftHSM2 for one test run or benchmark: a temporary folder with its own <c>softhsm2.conf</c> and token
/// folder, <c>SOFTHSM2_CONF</c> pointing at it for this process (set before the module is first loaded), tokens made
/// with <c>softhsm2-util --init-token</c>, and keys generated on the token through PKCS#11 (C_GenerateKeyPair), never
/// outside it. One per process: SoftHSM2 reads its configuration from the process' environment.
/// </summary>
internal sealed class SoftHsmToken : IDisposable
{
    /// <summary>Debian's SoftHSM2 module (package softhsm2).</summary>
    public const string DebianModulePath = "/usr/lib/softhsm/libsofthsm2.so";

    /// <summary>The DER of the named curve P-256 (CKA_EC_PARAMS).</summary>
    public static readonly byte[] P256 = [0x06, 0x08, 0x2A, 0x86, 0x48, 0xCE, 0x3D, 0x03, 0x01, 0x07];

    /// <summary>The DER of the named curve P-384 (CKA_EC_PARAMS), a curve ES256 does not allow.</summary>
    public static readonly byte[] P384 = [0x06, 0x05, 0x2B, 0x81, 0x04, 0x00, 0x22];

    private static int created;
    private readonly string utilPath;

    private SoftHsmToken(string folder, string utilPath, string modulePath)
    {
        Folder = folder;
        this.utilPath = utilPath;
        ModulePath = modulePath;
    }

    /// <summary>The temporary folder that holds the configuration and the tokens.</summary>
    public string Folder { get; }

    /// <summary>The SoftHSM2 module file.</summary>
    public string ModulePath { get; }

    /// <summary>Makes the folder and configuration and points this process' SoftHSM2 at it.</summary>
    public static SoftHsmToken Create(string utilPath, string modulePath)
    {
        if (Interlocked.Increment(ref created) > 1)
        {
            throw new InvalidOperationException("one private SoftHSM2 per process: its configuration is read from the process' environment.");
        }

        var folder = Directory.CreateTempSubdirectory("credentials-softhsm-").FullName;
        var tokens = Directory.CreateDirectory(Path.Combine(folder, "tokens")).FullName;
        var configuration = Path.Combine(folder, "softhsm2.conf");
        File.WriteAllText(configuration, $"""
            directories.tokendir = {tokens}
            objectstore.backend = file
            log.level = ERROR
            slots.removable = false
            """);
        NativeEnvironment.Set("SOFTHSM2_CONF", configuration);
        return new SoftHsmToken(folder, utilPath, modulePath);
    }

    /// <summary>Initialises a new token in the first free slot: <c>softhsm2-util --init-token --free</c>.</summary>
    public void InitToken(string label, string soPin, string userPin)
    {
        var start = new ProcessStartInfo(utilPath)
        {
            ArgumentList = { "--init-token", "--free", "--label", label, "--so-pin", soPin, "--pin", userPin },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["SOFTHSM2_CONF"] = Path.Combine(Folder, "softhsm2.conf");
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{utilPath} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"softhsm2-util --init-token failed ({process.ExitCode}): {errors.Trim()} {output.Result.Trim()}");
        }
    }

    /// <summary>Runs <paramref name="action"/> on a read/write session of the token, logged in as its user.</summary>
    public void WithSession(string tokenLabel, string userPin, Action<ISession> action)
    {
        var module = Pkcs11Module.Acquire(ModulePath);
        try
        {
            var slot = Pkcs11TokenFinder.Find(module, tokenLabel);
            using var session = slot.OpenSession(SessionType.ReadWrite);
            session.Login(CKU.CKU_USER, userPin);
            try
            {
                action(session);
            }
            finally
            {
                session.Logout();
            }
        }
        finally
        {
            module.Release();
        }
    }

    /// <summary>
    /// An EC key pair generated on the token (C_GenerateKeyPair, CKM_EC_KEY_PAIR_GEN): token objects, the private
    /// half private, sensitive, not extractable and able to sign unless said otherwise. Returns CKA_EC_POINT.
    /// </summary>
    public static byte[] GenerateEcKey(ISession session, string label, byte[] id, byte[]? curve = null, bool sensitive = true, bool extractable = false, bool sign = true, bool keepPublicKey = true)
    {
        var publicTemplate = Attributes(
            (CKA.CKA_TOKEN, true), (CKA.CKA_PRIVATE, false), (CKA.CKA_VERIFY, true), (CKA.CKA_EC_PARAMS, curve ?? P256),
            (CKA.CKA_LABEL, label), (CKA.CKA_ID, id));
        var privateTemplate = Attributes(
            (CKA.CKA_TOKEN, true), (CKA.CKA_PRIVATE, true), (CKA.CKA_SENSITIVE, sensitive), (CKA.CKA_EXTRACTABLE, extractable),
            (CKA.CKA_SIGN, sign), (CKA.CKA_LABEL, label), (CKA.CKA_ID, id));
        using var mechanism = Pkcs11Module.Factories.MechanismFactory.Create(CKM.CKM_EC_KEY_PAIR_GEN);
        session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out var publicKey, out _);
        var point = session.GetAttributeValue(publicKey, [CKA.CKA_EC_POINT])[0].GetValueAsByteArray();
        if (!keepPublicKey)
        {
            session.DestroyObject(publicKey);
        }

        return point;
    }

    /// <summary>An RSA key pair (public exponent 65537) generated on the token, the private half sensitive, not extractable and able to sign.</summary>
    public static void GenerateRsaKey(ISession session, string label, byte[] id, int bits)
    {
        var publicTemplate = Attributes(
            (CKA.CKA_TOKEN, true), (CKA.CKA_PRIVATE, false), (CKA.CKA_VERIFY, true), (CKA.CKA_MODULUS_BITS, (ulong)bits),
            (CKA.CKA_PUBLIC_EXPONENT, new byte[] { 0x01, 0x00, 0x01 }), (CKA.CKA_LABEL, label), (CKA.CKA_ID, id));
        var privateTemplate = Attributes(
            (CKA.CKA_TOKEN, true), (CKA.CKA_PRIVATE, true), (CKA.CKA_SENSITIVE, true), (CKA.CKA_EXTRACTABLE, false),
            (CKA.CKA_SIGN, true), (CKA.CKA_LABEL, label), (CKA.CKA_ID, id));
        using var mechanism = Pkcs11Module.Factories.MechanismFactory.Create(CKM.CKM_RSA_PKCS_KEY_PAIR_GEN);
        session.GenerateKeyPair(mechanism, publicTemplate, privateTemplate, out _, out _);
    }

    /// <summary>A P-256 public key object holding <paramref name="ecPoint"/> (for a key pair whose public half is stored wrongly).</summary>
    public static void StorePublicKey(ISession session, string label, byte[] id, byte[] ecPoint) =>
        session.CreateObject(Attributes(
            (CKA.CKA_CLASS, CKO.CKO_PUBLIC_KEY), (CKA.CKA_KEY_TYPE, CKK.CKK_EC), (CKA.CKA_TOKEN, true), (CKA.CKA_VERIFY, true),
            (CKA.CKA_EC_PARAMS, P256), (CKA.CKA_EC_POINT, ecPoint), (CKA.CKA_LABEL, label), (CKA.CKA_ID, id)));

    /// <summary>An X.509 certificate object (CKO_CERTIFICATE, CKC_X_509) with the key's label and id.</summary>
    public static void StoreCertificate(ISession session, string label, byte[] id, X509Certificate2 certificate) =>
        session.CreateObject(Attributes(
            (CKA.CKA_CLASS, CKO.CKO_CERTIFICATE), (CKA.CKA_CERTIFICATE_TYPE, CKC.CKC_X_509), (CKA.CKA_TOKEN, true),
            (CKA.CKA_LABEL, label), (CKA.CKA_ID, id), (CKA.CKA_SUBJECT, certificate.SubjectName.RawData),
            (CKA.CKA_VALUE, certificate.RawData)));

    /// <summary>A P-256 public key as the BCL's ECDsa, from a CKA_EC_POINT (a DER OCTET STRING around 04 || X || Y).</summary>
    public static ECDsa PublicKeyFromEcPoint(byte[] ecPoint)
    {
        var point = ecPoint[^65..];
        return ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, Q = new ECPoint { X = point[1..33], Y = point[33..] } });
    }

    /// <summary>Deletes the folder, tokens included.</summary>
    public void Dispose()
    {
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the system's temporary-file cleanup.
        }
    }

    private static List<IObjectAttribute> Attributes(params (CKA Type, object Value)[] values)
    {
        var factory = Pkcs11Module.Factories.ObjectAttributeFactory;
        return [.. values.Select(v => v.Value switch
        {
            bool b => factory.Create(v.Type, b),
            byte[] bytes => factory.Create(v.Type, bytes),
            string s => factory.Create(v.Type, s),
            ulong u => factory.Create(v.Type, u),
            CKO o => factory.Create(v.Type, o),
            CKK k => factory.Create(v.Type, k),
            CKC c => factory.Create(v.Type, c),
            _ => throw new ArgumentException($"no attribute of type {v.Value.GetType().Name}."),
        })];
    }
}
