using System.Text.Json.Nodes;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// One credential offer as a wallet receives it (OpenID4VCI 1.0 §4.1.1): the issuer, the configuration offered and
/// the pre-authorized code grant, with a <c>tx_code</c> description when the offer asks for one; and its two forms
/// for a QR code or a link, by value (§4.1.2) and by reference (§4.1.3).
/// </summary>
internal sealed record CredentialOffer(string Issuer, string ConfigurationId, string Code, string Reference, bool HasTxCode, DateTimeOffset ExpiresAt)
{
    /// <summary>The offer object (§4.1.1).</summary>
    public JsonObject ToJson()
    {
        var grant = new JsonObject { ["pre-authorized_code"] = Code };
        if (HasTxCode)
        {
            // §4.1.1: the wallet asks its user for a 6-digit code that reached them by another channel.
            grant["tx_code"] = new JsonObject { ["input_mode"] = "numeric", ["length"] = 6, ["description"] = "The 6-digit code your insurer sent you separately." };
        }

        return new JsonObject
        {
            ["credential_issuer"] = Issuer,
            ["credential_configuration_ids"] = new JsonArray(ConfigurationId),
            ["grants"] = new JsonObject { [WalletImportPaths.PreAuthorizedCodeGrant] = grant },
        };
    }

    /// <summary>Where the offer object is served (§4.1.3).</summary>
    public string ReferenceUri => Issuer + WalletImportPaths.CredentialOffer + "/" + Reference;

    /// <summary>The offer by value: <c>openid-credential-offer://?credential_offer=…</c> (§4.1.2).</summary>
    public string ByValue => WalletImportPaths.OfferScheme + "?credential_offer=" + Uri.EscapeDataString(ToJson().ToJsonString());

    /// <summary>The offer by reference: <c>openid-credential-offer://?credential_offer_uri=…</c> (§4.1.3), short enough for a QR code read from a screen.</summary>
    public string ByReference => WalletImportPaths.OfferScheme + "?credential_offer_uri=" + Uri.EscapeDataString(ReferenceUri);
}
