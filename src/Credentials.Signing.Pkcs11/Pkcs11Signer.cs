using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Credentials.WireFormat;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Signing.Pkcs11;

/// <summary>
/// A signer whose private key stays in a PKCS#11 token (an HSM, a smart card, SoftHSM2): ES256 with an EC P-256
/// key, RS256 with an RSA key of 2048 bits or more, the algorithm following the key. Thread-safe: each signature
/// borrows one of a bounded pool of sessions, logged in once for the whole application; a session the token broke
/// is dropped and replaced. Dispose it to close the sessions (and, with the last user of the module in this
/// process, to finalise the PKCS#11 library).
/// </summary>
/// <remarks>
/// PKCS#11 logs in the application, not a session (PKCS#11 v2.40 base §5.6 C_Login): a second signer on a token this process is
/// already logged in to shares that login, and its PIN is not checked again.
/// </remarks>
public sealed class Pkcs11Signer : ISigner, IDisposable
{
    /// <summary>RFC 8017 §9.2 note 1: the DER DigestInfo prefix for SHA-256, before the 32-byte digest, for CKM_RSA_PKCS.</summary>
    private static readonly byte[] Sha256DigestInfoPrefix = [0x30, 0x31, 0x30, 0x0D, 0x06, 0x09, 0x60, 0x86, 0x48, 0x01, 0x65, 0x03, 0x04, 0x02, 0x01, 0x05, 0x00, 0x04, 0x20];

    private readonly Pkcs11Module module;
    private readonly Pkcs11SessionPool pool;
    private readonly Pkcs11PrivateKey key;
    private readonly IMechanism dataMechanism;
    private readonly IMechanism digestMechanism;
    private readonly AsymmetricAlgorithm publicKey;
    private readonly AsymmetricAlgorithm tokenKey;
    private volatile IObjectHandle keyHandle;
    private int disposed;

    private Pkcs11Signer(Pkcs11Module module, Pkcs11SessionPool pool, Pkcs11PrivateKey key, AsymmetricAlgorithm publicKey, Pkcs11SignerOptions options)
    {
        this.module = module;
        this.pool = pool;
        this.key = key;
        this.publicKey = publicKey;
        keyHandle = key.Handle;
        TokenLabel = options.TokenLabel;
        MaxSessions = options.MaxSessions;
        Algorithm = key.Algorithm;
        SignatureLength = JwsAlgorithms.SignatureLength(Algorithm, key.KeySize);

        var mechanisms = Pkcs11Module.Factories.MechanismFactory;
        if (Algorithm == JwsAlgorithm.ES256)
        {
            // PKCS#11 Current Mechanisms v2.40, ECDSA: CKM_ECDSA signs a digest given to it (hashed here) and returns R || S, each as
            // long as the order of the curve: exactly the JWS form (RFC 7518 §3.4).
            dataMechanism = mechanisms.Create(CKM.CKM_ECDSA);
            digestMechanism = dataMechanism;
            tokenKey = new Pkcs11ECDsa(this, (ECDsa)publicKey);
        }
        else
        {
            // Current Mechanisms v2.40, PKCS #1 v1.5 RSA signature with SHA-256: CKM_SHA256_RSA_PKCS hashes on the token and pads as RSASSA-PKCS1-v1_5 (RFC 7518 §3.3);
            // CKM_RSA_PKCS signs a DigestInfo made here, for callers that bring the digest.
            dataMechanism = mechanisms.Create(CKM.CKM_SHA256_RSA_PKCS);
            digestMechanism = mechanisms.Create(CKM.CKM_RSA_PKCS);
            tokenKey = new Pkcs11Rsa(this, (RSA)publicKey);
        }
    }

    /// <inheritdoc/>
    public JwsAlgorithm Algorithm { get; }

    /// <inheritdoc/>
    public int SignatureLength { get; }

    /// <inheritdoc/>
    public AsymmetricAlgorithm PublicKey => publicKey;

    /// <summary>The label of the token the key is on.</summary>
    public string TokenLabel { get; }

    /// <summary>The key's label (<c>CKA_LABEL</c>).</summary>
    public string KeyLabel => key.Label;

    /// <summary>The most sessions this signer holds at once.</summary>
    public int MaxSessions { get; }

    /// <summary>How many sessions this signer has opened so far: at most <see cref="MaxSessions"/>, unless broken sessions were replaced.</summary>
    public int SessionsOpened => pool.SessionsOpened;

    /// <summary>
    /// Opens the key named by <paramref name="options"/>: loads the module (once per process), finds the token by
    /// label, logs in, finds the private key and checks it may sign here, reads its public key from the token (the
    /// public key object, or the certificate), and signs one test value to prove the two belong together.
    /// </summary>
    /// <exception cref="Pkcs11SignerException">Anything that stops the key from signing, with a one-line message naming it.</exception>
    public static Pkcs11Signer Open(Pkcs11SignerOptions options) => Open(options, certificate: null);

    /// <inheritdoc/>
    public void Sign(ReadOnlySpan<byte> data, Span<byte> signature)
    {
        if (signature.Length < SignatureLength)
        {
            throw new ArgumentException($"the signature buffer holds {signature.Length} bytes; {SignatureLength} are needed.", nameof(signature));
        }

        // ES256: the digest is made here and CKM_ECDSA signs it; RS256: CKM_SHA256_RSA_PKCS hashes the data itself.
        var input = Algorithm == JwsAlgorithm.ES256 ? SHA256.HashData(data) : data.ToArray();
        SignOnToken(dataMechanism, input).CopyTo(signature);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// An <see cref="ECDsa"/> or <see cref="RSA"/> whose signatures are made by the token; it exports the public key
    /// only (every private export throws a <see cref="CryptographicException"/>) and signs SHA-256 digests only.
    /// </remarks>
    public AsymmetricAlgorithm AsAsymmetricAlgorithm() => tokenKey;

    /// <summary>Waits for signatures under way, closes the sessions, and releases the module.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) != 0)
        {
            return;
        }

        pool.Dispose();
        if (!ReferenceEquals(digestMechanism, dataMechanism))
        {
            digestMechanism.Dispose();
        }

        dataMechanism.Dispose();
        publicKey.Dispose();
        module.Release();
    }

    /// <summary>Like <see cref="Open(Pkcs11SignerOptions)"/>, with a certificate to take the public key from when the token has neither public key nor certificate.</summary>
    internal static Pkcs11Signer Open(Pkcs11SignerOptions options, X509Certificate2? certificate)
    {
        var keyId = Validate(options);
        var module = Pkcs11Module.Acquire(options.ModulePath);
        Pkcs11SessionPool? pool = null;
        AsymmetricAlgorithm? publicKey = null;
        Pkcs11Signer signer;
        try
        {
            var slot = Pkcs11TokenFinder.Find(module, options.TokenLabel);
            var pin = Encoding.UTF8.GetBytes(options.Pin);
            try
            {
                pool = new Pkcs11SessionPool(slot, options.TokenLabel, pin, options.MaxSessions);
            }
            finally
            {
                CryptographicOperations.ZeroMemory(pin);
            }

            var (key, found) = FindKey(pool, options, keyId, certificate);
            publicKey = found;
            signer = new Pkcs11Signer(module, pool, key, publicKey, options);
        }
        catch
        {
            publicKey?.Dispose();
            pool?.Dispose();
            module.Release();
            throw;
        }

        try
        {
            signer.ProveKeyPair();
            return signer;
        }
        catch
        {
            signer.Dispose();
            throw;
        }
    }

    /// <summary>The key's certificate stored on the token (same id, or same label), or null.</summary>
    internal X509Certificate2? ReadCertificateFromToken()
    {
        var session = pool.Borrow();
        try
        {
            var certificate = Pkcs11PublicKeys.ReadCertificate(session, key);
            pool.Return(session);
            return certificate;
        }
        catch (Pkcs11Exception e)
        {
            pool.Discard(session);
            throw Pkcs11Failures.Operation(TokenLabel, "read the certificate", e);
        }
        catch
        {
            pool.Return(session);
            throw;
        }
    }

    /// <summary>An ECDSA signature (R || S) of a SHA-256 digest, for <see cref="Pkcs11ECDsa"/>.</summary>
    internal byte[] SignEcDigest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != SHA256.HashSizeInBytes)
        {
            throw new CryptographicException($"the key on token '{TokenLabel}' signs ES256: SHA-256 digests of 32 bytes only, not {digest.Length} bytes.");
        }

        return SignOnToken(digestMechanism, digest.ToArray());
    }

    /// <summary>An RSASSA-PKCS1-v1_5 signature of a SHA-256 digest (RFC 8017 §8.2.1, the DigestInfo made here), for <see cref="Pkcs11Rsa"/>.</summary>
    internal byte[] SignRsaDigest(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != SHA256.HashSizeInBytes)
        {
            throw new CryptographicException($"the key on token '{TokenLabel}' signs RS256: SHA-256 digests of 32 bytes only, not {digest.Length} bytes.");
        }

        return SignOnToken(digestMechanism, [.. Sha256DigestInfoPrefix, .. digest]);
    }

    private static (Pkcs11PrivateKey Key, AsymmetricAlgorithm PublicKey) FindKey(Pkcs11SessionPool pool, Pkcs11SignerOptions options, byte[]? keyId, X509Certificate2? certificate)
    {
        var session = pool.Borrow();
        try
        {
            var key = Pkcs11PrivateKey.Find(session, options.TokenLabel, options.KeyLabel, keyId, options.AllowExtractableKey);
            var publicKey = Pkcs11PublicKeys.Read(session, key)
                ?? (certificate is null ? null : Pkcs11PublicKeys.FromCertificate(certificate, key.Algorithm))
                ?? throw new Pkcs11SignerException(Pkcs11Problem.PublicKeyNotFound, $"token '{options.TokenLabel}' holds neither a public key nor a certificate for key '{options.KeyLabel}' (same id or label): store one there, or give the certificate.");
            pool.Return(session);
            return (key, publicKey);
        }
        catch (Pkcs11Exception e)
        {
            pool.Discard(session);
            throw Pkcs11Failures.Operation(options.TokenLabel, "look up the key", e);
        }
        catch
        {
            pool.Return(session);
            throw;
        }
    }

    private static byte[]? Validate(Pkcs11SignerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        static Pkcs11SignerException Invalid(string message) => new(Pkcs11Problem.InvalidOptions, message);
        if (string.IsNullOrWhiteSpace(options.ModulePath))
        {
            throw Invalid("no PKCS#11 module was given.");
        }

        if (string.IsNullOrEmpty(options.TokenLabel))
        {
            throw Invalid("no token label was given.");
        }

        if (string.IsNullOrEmpty(options.KeyLabel))
        {
            throw Invalid("no key label was given.");
        }

        if (string.IsNullOrEmpty(options.Pin))
        {
            throw Invalid($"no PIN was given for token '{options.TokenLabel}'.");
        }

        if (options.MaxSessions is < 1 or > Pkcs11SignerOptions.SessionLimit)
        {
            throw Invalid($"the session pool size {options.MaxSessions} is out of range: 1 to {Pkcs11SignerOptions.SessionLimit}.");
        }

        if (options.KeyId is null)
        {
            return null;
        }

        try
        {
            return Convert.FromHexString(options.KeyId.Replace(":", string.Empty, StringComparison.Ordinal));
        }
        catch (FormatException)
        {
            throw Invalid($"the key id '{options.KeyId}' is not hexadecimal (e.g. 01a2 or 01:a2).");
        }
    }

    /// <summary>
    /// Signs a random value and verifies it with the public key found: a public key or certificate object that does
    /// not belong to the private key (mislabelled objects) is caught here, not by every verifier of our documents.
    /// </summary>
    private void ProveKeyPair()
    {
        var probe = RandomNumberGenerator.GetBytes(32);
        var signature = new byte[SignatureLength];
        Sign(probe, signature);
        var verifies = publicKey switch
        {
            ECDsa ec => ec.VerifyData(probe, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation),
            RSA rsa => rsa.VerifyData(probe, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1),
            _ => false,
        };

        if (!verifies)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.PublicKeyMismatch, $"the public key found for key '{KeyLabel}' on token '{TokenLabel}' does not verify the key's signatures: the public key or certificate stored with it belongs to another key.");
        }
    }

    /// <summary>
    /// One signature on a borrowed session. A session the token broke (closed, logged out, device reset) is dropped
    /// and the signature tried once more on a new session, with the key looked up again: its handle may have ended
    /// with the old sessions (PKCS#11 v2.40 base §5.6 C_CloseSession: the last session's end logs the application out, and
    /// SoftHSM2, like other tokens, then ends the handles of private objects).
    /// </summary>
    private byte[] SignOnToken(IMechanism mechanism, byte[] input)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref disposed) != 0, this);
        for (var attempt = 1; ; attempt++)
        {
            var retry = attempt > 1;
            var session = pool.Borrow(fresh: retry);
            byte[] signature;
            try
            {
                if (retry)
                {
                    keyHandle = Pkcs11PrivateKey.FindHandle(session, TokenLabel, key.Label, key.Id is { Length: > 0 } id ? id : null);
                }

                signature = session.Sign(mechanism, keyHandle, input);
            }
            catch (Pkcs11Exception e) when (Pkcs11Failures.IsSessionBroken(e.RV))
            {
                pool.Discard(session);
                if (!retry)
                {
                    continue;
                }

                throw Pkcs11Failures.Operation(TokenLabel, "sign", e);
            }
            catch (Pkcs11Exception e)
            {
                pool.Return(session);
                throw Pkcs11Failures.Operation(TokenLabel, "sign", e);
            }
            catch
            {
                pool.Return(session);
                throw;
            }

            pool.Return(session);
            if (signature.Length != SignatureLength)
            {
                throw new Pkcs11SignerException(Pkcs11Problem.TokenFailure, $"token '{TokenLabel}' returned a signature of {signature.Length} bytes; a {Algorithm.Name()} signature has {SignatureLength}.");
            }

            return signature;
        }
    }
}
