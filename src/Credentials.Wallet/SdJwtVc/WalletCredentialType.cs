using Credentials.Documents;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.SdJwtVc;

/// <summary>
/// The SD-JWT VC types we issue and verify, each over one case of <see cref="HealthInsuranceDocument"/>: the EHIC
/// (<c>urn:eudi:ehic:1</c>, the DC4EU shape that deployed wallets consume; specs/ehic-sd-jwt-vc.md) and the ISI+
/// (<c>urn:credentials:isi:1</c>, ours; specs/isi-sd-jwt-vc.md). The ePRC has no wallet type: it is the paper
/// stand-in for a card the holder does not have, and the wallet carries the card itself.
/// </summary>
public sealed class WalletCredentialType
{
    private WalletCredentialType(string vct, string name, string member, RequiredAccreditation accreditation, IReadOnlyList<ClaimPath> disclosable)
    {
        Vct = vct;
        Name = name;
        RequestMember = member;
        Accreditation = accreditation;
        SelectivelyDisclosable = disclosable;
    }

    /// <summary>The EHIC: only <c>personal_administrative_number</c> and <c>document_number</c> selectively disclosable (DC4EU "sd: always").</summary>
    public static WalletCredentialType Ehic { get; } = new(
        "urn:eudi:ehic:1",
        "eEHIC",
        "ehic",
        RequiredAccreditation.Ehic,
        [ClaimPath.Of(WalletClaimNames.PersonalAdministrativeNumber), ClaimPath.Of(WalletClaimNames.DocumentNumber)]);

    /// <summary>
    /// The ISI+: the national number, the holder's names and date of birth (it is often a child's card) and the
    /// document number selectively disclosable. The EESSI repository records no ISI+ accreditation; the EHIC one is
    /// checked instead, as for the ISI+ QR token (specs/isi-token.md).
    /// </summary>
    public static WalletCredentialType IsiPlus { get; } = new(
        "urn:credentials:isi:1",
        "ISI+",
        "isi",
        new RequiredAccreditation("EHIC", Labels.MessageText.Of("accreditation.isiUsesEhic")),
        [
            ClaimPath.Of(WalletClaimNames.PersonalAdministrativeNumber),
            ClaimPath.Of(WalletClaimNames.DocumentNumber),
            ClaimPath.Of(WalletClaimNames.HolderSubject, WalletClaimNames.FamilyName),
            ClaimPath.Of(WalletClaimNames.HolderSubject, WalletClaimNames.GivenName),
            ClaimPath.Of(WalletClaimNames.HolderSubject, WalletClaimNames.BirthDate),
        ]);

    /// <summary>Every type, in a fixed order.</summary>
    public static IReadOnlyList<WalletCredentialType> All { get; } = [Ehic, IsiPlus];

    /// <summary>The <c>vct</c> claim's value (draft-ietf-oauth-sd-jwt-vc §3.2.2.1.1).</summary>
    public string Vct { get; }

    /// <summary>The document's short name for people, as the QR documents have it.</summary>
    public string Name { get; }

    /// <summary>The member of an issuance request that holds such a document (<c>ehic</c>, <c>isi</c>).</summary>
    public string RequestMember { get; }

    /// <summary>The accreditation the authentic source needs on the date of issuance, covering the coverage period.</summary>
    public RequiredAccreditation Accreditation { get; }

    /// <summary>The claims issued as Disclosures; every other claim is plain.</summary>
    public IReadOnlyList<ClaimPath> SelectivelyDisclosable { get; }

    /// <summary>The type whose <c>vct</c> this is, or null.</summary>
    public static WalletCredentialType? FromVct(string? vct) => All.FirstOrDefault(t => string.Equals(t.Vct, vct, StringComparison.Ordinal));

    /// <summary>
    /// The type a document is issued as, or null with the reason when it has none (the ePRC: the wallet carries the
    /// card it stands in for).
    /// </summary>
    public static WalletCredentialType? ForDocument(HealthInsuranceDocument document, out string? refusal)
    {
        ArgumentNullException.ThrowIfNull(document);
        var type = document.Match<WalletCredentialType?>(_ => null, _ => Ehic, _ => IsiPlus);
        refusal = type is null ? "an ePRC is not issued to wallets: it stands in for a card the holder does not have at hand, and a wallet carries the card itself (issue the eEHIC)." : null;
        return type;
    }

    /// <inheritdoc/>
    public override string ToString() => Vct;
}
