using System.Text.Json.Nodes;
using Credentials.Wallet.SdJwtVc;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// The credentials a wallet can import from this issuer (OpenID4VCI 1.0 §12.2.4, Appendix A.3 for <c>dc+sd-jwt</c>):
/// the EHIC and the ISI+ as SD-JWT VCs bound to a JWK of the wallet, with display data in English, Dutch, French and
/// German, and the credential issuer metadata that lists them.
/// </summary>
internal static class CredentialConfigurations
{
    /// <summary>The EHIC's configuration id.</summary>
    public const string EhicId = "ehic_dc+sd-jwt";

    /// <summary>The ISI+'s configuration id.</summary>
    public const string IsiPlusId = "isi_plus_dc+sd-jwt";

    /// <summary>The proof type of key proofs (OpenID4VCI 1.0 Appendix F.1): its JOSE <c>typ</c>.</summary>
    public const string ProofType = "openid4vci-proof+jwt";

    /// <summary>The signing algorithms a key proof may use (the allow-list; HAIP: ES256).</summary>
    public static readonly IReadOnlyList<string> ProofAlgorithms = ["ES256"];

    private static readonly (string Locale, string Ehic, string IsiPlus, string Issuer)[] Names =
    [
        ("en", "European Health Insurance Card", "ISI+ card", "Health insurance"),
        ("nl", "Europese ziekteverzekeringskaart", "ISI+-kaart", "Ziekteverzekering"),
        ("fr", "Carte européenne d'assurance maladie", "Carte ISI+", "Assurance maladie"),
        ("de", "Europäische Krankenversicherungskarte", "ISI+-Karte", "Krankenversicherung"),
    ];

    private static readonly (string[] Path, string En, string Nl, string Fr, string De)[] EhicClaims =
    [
        (["personal_administrative_number"], "Personal identification number", "Persoonlijk identificatienummer", "Numéro d'identification personnel", "Persönliche Kennnummer"),
        (["document_number"], "Card number", "Kaartnummer", "Numéro de la carte", "Kartennummer"),
        (["issuing_country"], "Issuing country", "Land van uitgifte", "Pays émetteur", "Ausstellungsland"),
        (["issuing_authority", "name"], "Issuing institution", "Uitgevende instelling", "Institution émettrice", "Ausstellende Einrichtung"),
        (["date_of_expiry"], "Expiry date", "Vervaldatum", "Date d'expiration", "Ablaufdatum"),
    ];

    private static readonly (string[] Path, string En, string Nl, string Fr, string De)[] SubjectClaims =
    [
        (["subject", "family_name"], "Family name", "Familienaam", "Nom", "Familienname"),
        (["subject", "given_name"], "Given names", "Voornamen", "Prénoms", "Vornamen"),
        (["subject", "birth_date"], "Date of birth", "Geboortedatum", "Date de naissance", "Geburtsdatum"),
    ];

    /// <summary>Every configuration id, with the credential type it issues.</summary>
    public static IReadOnlyDictionary<string, WalletCredentialType> All { get; } = new Dictionary<string, WalletCredentialType>(StringComparer.Ordinal)
    {
        [EhicId] = WalletCredentialType.Ehic,
        [IsiPlusId] = WalletCredentialType.IsiPlus,
    };

    /// <summary>The configuration id of a credential type.</summary>
    public static string IdOf(WalletCredentialType type) => type == WalletCredentialType.IsiPlus ? IsiPlusId : EhicId;

    /// <summary>The credential issuer metadata (OpenID4VCI 1.0 §12.2.4) for the issuer at <paramref name="issuer"/> (its identifier, no trailing '/').</summary>
    public static JsonObject Metadata(string issuer, int batchSize) => new()
    {
        ["credential_issuer"] = issuer,
        ["credential_endpoint"] = issuer + WalletImportPaths.Credential,
        ["nonce_endpoint"] = issuer + WalletImportPaths.Nonce,
        // §12.2.4: the batch size is the most proofs (credentials) one request may carry; at least 2 when present.
        ["batch_credential_issuance"] = new JsonObject { ["batch_size"] = batchSize },
        ["display"] = new JsonArray([.. Names.Select(n => (JsonNode)new JsonObject { ["name"] = n.Issuer, ["locale"] = n.Locale })]),
        ["credential_configurations_supported"] = new JsonObject
        {
            [EhicId] = Configuration(WalletCredentialType.Ehic, n => n.Ehic, EhicClaims),
            [IsiPlusId] = Configuration(WalletCredentialType.IsiPlus, n => n.IsiPlus, [.. EhicClaims, .. SubjectClaims]),
        },
    };

    private static JsonObject Configuration(WalletCredentialType type, Func<(string Locale, string Ehic, string IsiPlus, string Issuer), string> name, (string[] Path, string En, string Nl, string Fr, string De)[] claims) => new()
    {
        ["format"] = WalletCredentialIssuer.MediaType,
        ["vct"] = type.Vct,
        ["scope"] = type.RequestMember,
        // Appendix F.1 and §12.2.4: the holder key arrives as the proof's jwk and becomes the credential's cnf.jwk.
        ["cryptographic_binding_methods_supported"] = new JsonArray("jwk"),
        ["credential_signing_alg_values_supported"] = new JsonArray("ES256"),
        ["proof_types_supported"] = new JsonObject
        {
            ["jwt"] = new JsonObject { ["proof_signing_alg_values_supported"] = new JsonArray([.. ProofAlgorithms.Select(a => (JsonNode)a)]) },
        },
        ["credential_metadata"] = new JsonObject
        {
            ["display"] = new JsonArray([.. Names.Select(n => (JsonNode)new JsonObject { ["name"] = name(n), ["locale"] = n.Locale })]),
            ["claims"] = new JsonArray([.. claims.Select(c => (JsonNode)new JsonObject
            {
                ["path"] = new JsonArray([.. c.Path.Select(p => (JsonNode)p)]),
                ["display"] = new JsonArray(
                    new JsonObject { ["name"] = c.En, ["locale"] = "en" },
                    new JsonObject { ["name"] = c.Nl, ["locale"] = "nl" },
                    new JsonObject { ["name"] = c.Fr, ["locale"] = "fr" },
                    new JsonObject { ["name"] = c.De, ["locale"] = "de" }),
            })]),
        },
    };
}
