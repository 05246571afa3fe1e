using Credentials.Host.Configuration;
using Credentials.Issuance.Keys;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Signing.Pkcs11;

namespace Credentials.Host.Issuing;

/// <summary>
/// The host's signing keys, per institution (<c>Credentials:Signing:Institutions</c>): key files or PKCS#11 keys,
/// loaded at start as the CLI loads them (<see cref="SigningKeyLoader"/>, <see cref="Pkcs11CertificateSigner"/>), a
/// bad key stopping the start with one line. Rotation: each key signs from its instant; <see cref="Current"/> is the
/// newest whose instant has come and whose certificate is valid now, so a new certificate takes over for new
/// documents while what the older key signed still verifies against the certificate the registry keeps.
/// Thread-safe (the signers are).
/// </summary>
internal sealed class InstitutionSigners : IInstitutionSigners, IDisposable
{
    private readonly IReadOnlyDictionary<InstitutionId, IReadOnlyList<ScheduledSigner>> keys;
    private readonly TimeProvider time;
    private readonly bool ownsKeys;

    private InstitutionSigners(IReadOnlyDictionary<InstitutionId, IReadOnlyList<ScheduledSigner>> keys, TimeProvider time, bool ownsKeys, bool isTestIssuer)
    {
        this.keys = keys;
        this.time = time;
        this.ownsKeys = ownsKeys;
        IsTestIssuer = isTestIssuer;
        Institutions = [.. keys.Keys.OrderBy(id => id.ToString(), StringComparer.Ordinal)];
    }

    /// <inheritdoc/>
    public IReadOnlyList<InstitutionId> Institutions { get; }

    /// <summary>Whether the only key is the generated test issuer's (in memory, never written anywhere).</summary>
    public bool IsTestIssuer { get; }

    /// <summary>No keys at all: this host issues nothing.</summary>
    public static InstitutionSigners None(TimeProvider time) => new(new Dictionary<InstitutionId, IReadOnlyList<ScheduledSigner>>(), time, ownsKeys: false, isTestIssuer: false);

    /// <summary>The generated test issuer's key (owned by the trust view that made it, which also trusts its certificate).</summary>
    public static InstitutionSigners ForTestIssuer(InstitutionId institution, CertificateSigner signer, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(signer);
        return new(new Dictionary<InstitutionId, IReadOnlyList<ScheduledSigner>> { [institution] = [new ScheduledSigner(DateTimeOffset.MinValue, signer)] }, time, ownsKeys: false, isTestIssuer: true);
    }

    /// <summary>Loads every configured key; the first problem is a <see cref="ServerStartException"/> naming the setting.</summary>
    public static InstitutionSigners Load(SigningOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        var loaded = new Dictionary<InstitutionId, IReadOnlyList<ScheduledSigner>>();
        try
        {
            for (var i = 0; i < options.Institutions.Count; i++)
            {
                var entry = options.Institutions[i];
                var at = $"{ServeOptions.Section}:Signing:Institutions:{i}";
                if (!InstitutionId.TryParse(entry.Institution ?? string.Empty, out var institution, out var error))
                {
                    throw new ServerStartException($"{at}:Institution: '{entry.Institution}' is not an institution: {error}");
                }

                if (loaded.ContainsKey(institution))
                {
                    throw new ServerStartException($"{at}:Institution: {institution} is listed twice; give all its keys in one entry.");
                }

                if (entry.Keys.Count == 0)
                {
                    throw new ServerStartException($"{at}:Keys: {institution} has no signing key.");
                }

                var signers = new List<ScheduledSigner>();
                loaded[institution] = signers;
                for (var k = 0; k < entry.Keys.Count; k++)
                {
                    var key = entry.Keys[k];
                    if (signers.Any(s => s.From == key.From))
                    {
                        throw new ServerStartException($"{at}:Keys:{k}:From: another key of {institution} starts at the same instant; give each key its own.");
                    }

                    signers.Add(new ScheduledSigner(key.From, Open(key, $"{at}:Keys:{k}")));
                }

                signers.Sort((a, b) => a.From.CompareTo(b.From));
            }

            return new InstitutionSigners(loaded, time, ownsKeys: true, isTestIssuer: false);
        }
        catch
        {
            foreach (var signer in loaded.Values.SelectMany(s => s))
            {
                signer.Signer.Dispose();
            }

            throw;
        }
    }

    /// <inheritdoc/>
    public ICertificateSigner? Current(InstitutionId institution) => CurrentKey(institution)?.Signer;

    /// <summary>The key that signs for <paramref name="institution"/> now, or null.</summary>
    public ScheduledSigner? CurrentKey(InstitutionId institution)
    {
        if (!keys.TryGetValue(institution, out var scheduled))
        {
            return null;
        }

        var now = time.GetUtcNow();
        return scheduled.LastOrDefault(key => key.SignsAt(now));
    }

    /// <summary>Every key of <paramref name="institution"/>, oldest first (none when it has none).</summary>
    public IReadOnlyList<ScheduledSigner> KeysOf(InstitutionId institution) => keys.TryGetValue(institution, out var scheduled) ? scheduled : [];

    /// <summary>Lets go of the keys this instance loaded (a PKCS#11 session pool, keys in memory).</summary>
    public void Dispose()
    {
        if (ownsKeys)
        {
            foreach (var key in keys.Values.SelectMany(s => s))
            {
                key.Signer.Dispose();
            }
        }
    }

    private static CertificateSigner Open(SigningKeySettings key, string at)
    {
        if (key.Key is not null && key.Pkcs11 is not null)
        {
            throw new ServerStartException($"{at}: give one of Key (a key file) and Pkcs11 (a key on a token).");
        }

        try
        {
            if (key.Pkcs11 is not { } token)
            {
                return SigningKeyLoader.Load(key.Key ?? throw new ServerStartException($"{at}: give Key (a key file) or Pkcs11 (a key on a token)."), key.Certificate, key.Password);
            }

            if (key.Password is not null)
            {
                throw new ServerStartException($"{at}:Password: a password is for key files; a token's PIN is Pkcs11:Pin or {Pkcs11KeySettings.PinVariable}.");
            }

            var options = new Pkcs11SignerOptions
            {
                ModulePath = token.Module ?? throw new ServerStartException($"{at}:Pkcs11:Module: give the PKCS#11 library."),
                TokenLabel = token.TokenLabel ?? throw new ServerStartException($"{at}:Pkcs11:TokenLabel: give the token's label."),
                KeyLabel = token.KeyLabel ?? throw new ServerStartException($"{at}:Pkcs11:KeyLabel: give the key's label."),
                KeyId = token.KeyId,
                Pin = token.Pin ?? Environment.GetEnvironmentVariable(Pkcs11KeySettings.PinVariable) ?? throw new ServerStartException($"{at}:Pkcs11:Pin: the token's PIN is needed: set it (through the environment) or {Pkcs11KeySettings.PinVariable}."),
            };
            using var certificate = key.Certificate is { } path ? SigningKeyLoader.LoadCertificate(path) : null;
            return Pkcs11CertificateSigner.Open(options, certificate is null ? null : System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData));
        }
        catch (SigningKeyException e)
        {
            throw new ServerStartException($"{at}: {e.Message}", e);
        }
        catch (Pkcs11SignerException e)
        {
            throw new ServerStartException($"{at}:Pkcs11: {e.Message}", e);
        }
    }
}
