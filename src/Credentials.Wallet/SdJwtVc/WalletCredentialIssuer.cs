using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Documents;
using Credentials.Labels;
using Credentials.Model;
using Credentials.Signing;
using Credentials.Wallet.Jose;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// Mints SD-JWT VCs from our documents (specs/ehic-sd-jwt-vc.md, specs/isi-sd-jwt-vc.md): checks the document
/// against every rule the verifier applies, writes its claims with <see cref="WalletCredentialCodec"/>, and signs
/// through the signer seam with header <c>typ</c> <c>dc+sd-jwt</c> and <c>x5c</c> (the signer's chain, leaf first,
/// without the root, RFC 7515 §4.1.6). Thread-safe when the signer is (ours are).
/// </summary>
public sealed class WalletCredentialIssuer
{
    /// <summary>draft-ietf-oauth-sd-jwt-vc §3.2.1: the media type in the header's <c>typ</c>.</summary>
    public const string MediaType = "dc+sd-jwt";

    private readonly ICertificateSigner signer;
    private readonly TimeProvider time;
    private readonly WalletIssuerOptions options;
    private readonly SdJwtIssuer issuer;

    /// <summary>An issuer signing with <paramref name="signer"/>, whose certificate the trust registry must link to each document's institution.</summary>
    public WalletCredentialIssuer(ICertificateSigner signer, TimeProvider time, WalletIssuerOptions options)
    {
        this.signer = signer ?? throw new ArgumentNullException(nameof(signer));
        this.time = time ?? throw new ArgumentNullException(nameof(time));
        this.options = options ?? throw new ArgumentNullException(nameof(options));
        if (options.DecoyDigests.Minimum < 0 || options.DecoyDigests.Maximum < options.DecoyDigests.Minimum)
        {
            throw new ArgumentException("the decoy digest bounds must satisfy 0 <= minimum <= maximum.", nameof(options));
        }

        // RFC 7515 §4.1.6: x5c is standard base64 DER, the signer's certificate first; the root stays out.
        var header = new JsonObject
        {
            ["typ"] = MediaType,
            ["x5c"] = new JsonArray([.. signer.CertificateChain.Select(c => (JsonNode)Convert.ToBase64String(c.RawData))]),
        };
        issuer = new SdJwtIssuer(signer, header);
    }

    /// <summary>Today in the issuer's time zone.</summary>
    public DateOnly Today => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), options.TimeZone ?? time.LocalTimeZone).DateTime);

    /// <summary>
    /// Issues one credential, or refuses with every problem: an ePRC (no wallet type), a document breaking one of its
    /// rules, a number outside DC4EU's 4 to 50 characters, a document issued in the future or already expired, a
    /// certificate not valid now, a lifetime that is not positive.
    /// </summary>
    public WalletIssuance Issue(WalletIssueRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var document = request.Document;
        if (WalletCredentialType.ForDocument(document, out var refusal) is not { } type)
        {
            return new WalletIssuance(null, [Finding.Error(FindingCode.SchemaViolation, MessageText.Untranslated(refusal!), "/" + WalletClaimNames.Vct)]);
        }

        if (request.Lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentException("a credential's lifetime is positive.", nameof(request));
        }

        var findings = new List<Finding>();
        foreach (var finding in document.CheckRules())
        {
            findings.Add(finding with { Path = WalletCredentialCodec.PathOf(finding.Field) });
        }

        var now = DateTimeOffset.FromUnixTimeSeconds(time.GetUtcNow().ToUnixTimeSeconds());
        var today = Today;
        var expiry = document.Match(_ => document.Coverage.Last, card => card.Expiry, isi => isi.ValidUntil);
        var documentNumber = document.Match(_ => string.Empty, card => card.CardNumber, _ => request.DocumentId);
        CheckNumber(findings, document.Match(_ => string.Empty, card => card.PersonalIdentificationNumber, isi => isi.NationalNumber.Digits), WalletClaimNames.PersonalAdministrativeNumber);
        CheckNumber(findings, documentNumber, WalletClaimNames.DocumentNumber);
        if (document.IssuedOn > today)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, MessageText.Untranslated($"the date of issuance {document.IssuedOn:yyyy-MM-dd} is after today ({today:yyyy-MM-dd})."), "/" + WalletClaimNames.DateOfIssuance));
        }

        if (expiry < today)
        {
            findings.Add(Finding.Error(FindingCode.IssueAfterEnd, MessageText.Untranslated($"the document expired on {expiry:yyyy-MM-dd}: no wallet credential is minted from it."), "/" + WalletClaimNames.DateOfExpiry));
        }

        var certificate = signer.Certificate;
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            findings.Add(Finding.Error(FindingCode.CertificateNotValidOnIssueDate, MessageText.Untranslated($"the signing certificate (valid {certificate.NotBefore.ToUniversalTime():yyyy-MM-dd HH:mm}..{certificate.NotAfter.ToUniversalTime():yyyy-MM-dd HH:mm} UTC) is not valid now."), "/" + WalletClaimNames.IssuedAt));
        }

        if (findings.Any(f => f.IsBlocking))
        {
            return new WalletIssuance(null, findings);
        }

        // exp: the lifetime asked for, never past the end of the document's last day (UTC), and at most 24 hours
        // without a status list (the DC4EU attestation rulebook's alternative to one).
        var lifetime = request.Status is null && request.Lifetime > WalletIssuerOptions.MaxLifetimeWithoutStatus ? WalletIssuerOptions.MaxLifetimeWithoutStatus : request.Lifetime;
        var endOfDocument = new DateTimeOffset(expiry.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var expiresAt = now + lifetime < endOfDocument ? now + lifetime : endOfDocument;
        var envelope = new WalletCredentialEnvelope
        {
            Issuer = options.Issuer,
            IssuedAt = now,
            NotBefore = now,
            ExpiresAt = expiresAt,
            CredentialId = request.CredentialId ?? Guid.NewGuid().ToString(),
            DocumentId = request.DocumentId,
            Status = request.Status,
        };
        var claims = WalletCredentialCodec.Encode(document, envelope, options.EhicVariant);
        var sdJwt = issuer.Issue(claims, type.SelectivelyDisclosable, new SdJwtIssueOptions
        {
            HolderKey = request.HolderKey,
            MinimumDecoyDigests = options.DecoyDigests.Minimum,
            MaximumDecoyDigests = options.DecoyDigests.Maximum,
        });
        var issued = new IssuedWalletCredential(type, sdJwt.ToCompact(), envelope.CredentialId, documentNumber, Thumbprint(request.HolderKey), now, expiresAt, request.Status);
        return new WalletIssuance(issued, findings);
    }

    /// <summary>The RFC 7638 JWK thumbprint (SHA-256, base64url) of a public key: its required members in lexicographic order.</summary>
    public static string Thumbprint(PublicJwk key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var jwk = key.ToJson();
        string[] members = jwk["kty"]!.GetValue<string>() == "EC" ? ["crv", "kty", "x", "y"] : ["e", "kty", "n"];
        var canonical = new StringBuilder("{");
        foreach (var name in members)
        {
            // RFC 7638 §3.2: no white space, members sorted, values as JSON strings (ours are base64url and names: no escapes).
            canonical.Append(canonical.Length > 1 ? "," : string.Empty).Append('"').Append(name).Append("\":\"").Append(jwk[name]!.GetValue<string>()).Append('"');
        }

        canonical.Append('}');
        return Base64UrlText.Encode(SHA256.HashData(Encoding.UTF8.GetBytes(canonical.ToString())));
    }

    private static void CheckNumber(List<Finding> findings, string value, string claim)
    {
        var length = DocumentText.CodePoints(value);
        if (length is < WalletCredentialCodec.MinNumberLength or > WalletCredentialCodec.MaxNumberLength)
        {
            findings.Add(Finding.Error(FindingCode.SchemaViolation, MessageText.Untranslated($"{claim} would be {length} characters long; DC4EU asks {WalletCredentialCodec.MinNumberLength} to {WalletCredentialCodec.MaxNumberLength}."), "/" + claim));
        }
    }
}
