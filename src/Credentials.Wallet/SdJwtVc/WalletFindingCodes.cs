using System.Text;
using Credentials.Model;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// The finding codes that only a wallet verification has, and the wire names of the others it uses: a table kept as
/// data in one place, so the codes can be folded into the shared report's table.
/// </summary>
public static class WalletFindingCodes
{
    /// <summary>The issuer-signed JWT's <c>typ</c> is not <c>dc+sd-jwt</c> (nor <c>vc+sd-jwt</c> when that is allowed).</summary>
    public const string TypeNotAccepted = "TYPE_NOT_ACCEPTED";

    /// <summary>The <c>vct</c> is not one of our types.</summary>
    public const string CredentialTypeUnknown = "CREDENTIAL_TYPE_UNKNOWN";

    /// <summary>A plain claim needed before the signature (the authentic source, <c>iat</c>) is missing or malformed.</summary>
    public const string ClaimInvalid = "CLAIM_INVALID";

    /// <summary>The header has no usable <c>x5c</c> chain.</summary>
    public const string CertificateChainMissing = "CERTIFICATE_CHAIN_MISSING";

    /// <summary>The <c>x5c</c> leaf is trusted, but was not valid at the credential's <c>iat</c>.</summary>
    public const string CertificateNotValidAtIssuance = "CERTIFICATE_NOT_VALID_AT_ISSUANCE";

    /// <summary>The document's <c>date_of_issuance</c> is after today.</summary>
    public const string DocumentNotYetIssued = "DOCUMENT_NOT_YET_ISSUED";

    /// <summary>The document's <c>date_of_expiry</c> is before the treatment date.</summary>
    public const string DocumentExpired = "DOCUMENT_EXPIRED";

    /// <summary>The credential states no <c>starting_date</c>/<c>ending_date</c>.</summary>
    public const string CoverageNotStated = "COVERAGE_NOT_STATED";

    /// <summary>The credential has no <c>status.status_list</c> and lives longer than 24 hours.</summary>
    public const string StatusReferenceMissing = "STATUS_REFERENCE_MISSING";

    /// <summary>The status was not checked, by the verifier's choice.</summary>
    public const string StatusNotChecked = "STATUS_NOT_CHECKED";

    /// <summary>The status list could not be had or trusted (the cause is in the message).</summary>
    public const string StatusUnknown = "STATUS_UNKNOWN";

    /// <summary>The wire name of an SD-JWT refusal, e.g. <see cref="SdJwtError.KeyBindingNonceMismatch"/> as <c>KEY_BINDING_NONCE_MISMATCH</c>.</summary>
    public static string Of(SdJwtError error) => ScreamingSnake(error.ToString());

    /// <summary>The wire name of a core code, e.g. <see cref="FindingCode.Revoked"/> as <c>REVOKED</c>.</summary>
    public static string Of(FindingCode code) => code.ToWireName();

    private static string ScreamingSnake(string name)
    {
        var text = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]))
            {
                text.Append('_');
            }

            text.Append(char.ToUpperInvariant(name[i]));
        }

        return text.ToString();
    }
}
