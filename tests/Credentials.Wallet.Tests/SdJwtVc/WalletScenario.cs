using System.Text.Json.Nodes;
using Credentials.Documents;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Status;
using Credentials.Trust;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Credentials.Wallet.Tests.StatusLists;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Wallet.Tests.SdJwtVc;

/// <summary>
/// One issuer, one holder, one verifier over a throwaway PKI: the institution BE:0120 with an EHIC accreditation
/// since 2020, its signing certificate in the registry, the sample holder's eEHIC and a child's ISI+ card.
/// </summary>
internal sealed class WalletScenario : IDisposable
{
    public const string Audience = "https://hospital.example.org";
    public const string Nonce = "c2fd3b1e-nonce";
    public const string IssuerId = "https://issuer.example.org";

    public static readonly InstitutionId Institution = InstitutionId.Parse("BE:0120");
    public static readonly DateOnly IssuedOn = new(2026, 6, 1);

    public WalletScenario(DateOnly? today = null)
    {
        Clock = Testing.Clock.At(today ?? new DateOnly(2026, 6, 15));
        Pki = new StatusListPki(Clock.GetUtcNow().AddDays(-30));
        Signer = Pki.IssueSigner("BE:0120 wallet signer");
        Registry = RegistryFor((Institution, Signer));
        Holder = InMemorySigner.CreateP256();
        HolderJwk = PublicJwk.FromKey(Holder.PublicKey);
        Issuer = new WalletCredentialIssuer(Signer, Clock, new WalletIssuerOptions { Issuer = IssuerId });
    }

    public FakeTimeProvider Clock { get; }

    public StatusListPki Pki { get; }

    public CertificateSigner Signer { get; }

    public TrustRegistry Registry { get; set; }

    public InMemorySigner Holder { get; }

    public PublicJwk HolderJwk { get; }

    public WalletCredentialIssuer Issuer { get; }

    public static CompetentInstitution Cm { get; } = new(Institution, "CM");

    public static EuropeanHealthInsuranceCard Ehic { get; } = new(
        new DocumentHolder("Dupont-Müller", "Émilie Zoë", PartialDate.Parse("1987-04-00")),
        Cm,
        "87040012345",
        "01200000012345678901",
        IssuedOn,
        new DateOnly(2031, 12, 31));

    public static IsiPlusCard Isi { get; } = new(
        new DocumentHolder("Maes", "Lucas", PartialDate.Parse("2015-03-15")),
        Cm,
        BelgianNationalNumber.TryParse("15031501101", out var nn, out _) ? nn : throw new InvalidOperationException(),
        IssuedOn,
        new DateOnly(2027, 12, 31));

    public static ProvisionalReplacementCertificate Prc { get; } = new(
        new DocumentHolder("Dupont-Müller", "Émilie Zoë", PartialDate.Parse("1987-04-00")),
        Cm,
        "87040012345",
        "01200000012345678901",
        new DateOnly(2026, 1, 1),
        new DateOnly(2030, 12, 31),
        new DateOnly(2031, 12, 31),
        IssuedOn);

    /// <summary>A registry linking each institution to the signers' certificates, each accredited for EHIC since 2020.</summary>
    public static TrustRegistry RegistryFor(params (InstitutionId Institution, ICertificateSigner Signer)[] links) =>
        new(links.GroupBy(l => l.Institution).Select(g => new RegistryIssuer(
            g.Key,
            "CM",
            [.. g.Select(l => new TrustedCertificate(l.Signer.Certificate))],
            [new AccreditationPeriod("EHIC", new DateOnly(2020, 1, 1), null)])));

    public string Issue(HealthInsuranceDocument document, StatusListEntry? status = null, TimeSpan? lifetime = null)
    {
        var issuance = Issuer.Issue(new WalletIssueRequest
        {
            Document = document,
            DocumentId = "3b8d6f1a-2c4e-4a7b-9e0d-5f1c2a3b4d6e",
            HolderKey = HolderJwk,
            Status = status,
            Lifetime = lifetime ?? TimeSpan.FromDays(90),
        });
        Assert.True(issuance.Succeeded, string.Join("; ", issuance.Findings));
        return issuance.Credential!.SdJwt;
    }

    public string Present(string issued, params ClaimPath[] disclose) => Present(issued, Audience, Nonce, disclose);

    public string Present(string issued, string audience, string nonce, params ClaimPath[] disclose)
    {
        Assert.True(SdJwtHolder.TryOpen(issued, Clock, null, out var holder, out var failure), failure?.ToString());
        return holder.Present(disclose, new KeyBindingRequest(Holder, audience, nonce)).ToCompact();
    }

    /// <summary>Every disclosable claim of the credential's type.</summary>
    public static ClaimPath[] All(WalletCredentialType type) => [.. type.SelectivelyDisclosable];

    public WalletCredentialVerifier Verifier(IStatusChecker? status = null, WalletVerifierOptions? options = null) =>
        new(Registry, Clock, status ?? StatusCheckers.Offline, options);

    public Task<WalletVerificationReport> VerifyAsync(string presentation, DateOnly? treatmentDate = null, IStatusChecker? status = null, WalletVerifierOptions? options = null) =>
        Verifier(status, options).VerifyAsync(presentation, new KeyBindingExpectation(Audience, Nonce), treatmentDate ?? new DateOnly(2026, 6, 10));

    /// <summary>The claims the issuer would write for a document (no holder key, no status), to be edited and signed by <see cref="Sign"/>.</summary>
    public JsonObject ClaimsOf(HealthInsuranceDocument document, EhicSchemaVariant variant = EhicSchemaVariant.Deployed) => WalletCredentialCodec.Encode(document, new WalletCredentialEnvelope
    {
        Issuer = IssuerId,
        IssuedAt = Clock.GetUtcNow(),
        NotBefore = Clock.GetUtcNow(),
        ExpiresAt = Clock.GetUtcNow().AddDays(30),
        CredentialId = Guid.NewGuid().ToString(),
        DocumentId = "3b8d6f1a-2c4e-4a7b-9e0d-5f1c2a3b4d6e",
    }, variant);

    /// <summary>Signs any claims as a credential of ours would be signed (typ, x5c of <paramref name="signer"/>, the holder key bound).</summary>
    public string Sign(JsonObject claims, IEnumerable<ClaimPath> disclosable, string typ = "dc+sd-jwt", ICertificateSigner? signer = null)
    {
        signer ??= Signer;
        var header = new JsonObject { ["typ"] = typ, ["x5c"] = new JsonArray([.. signer.CertificateChain.Select(c => (JsonNode)Convert.ToBase64String(c.RawData))]) };
        return new SdJwtIssuer(signer, header).Issue(claims, disclosable, new SdJwtIssueOptions { HolderKey = HolderJwk }).ToCompact();
    }

    public void Dispose()
    {
        Holder.Dispose();
        HolderJwk.Dispose();
        Pki.Dispose();
    }
}
