using Credentials.Labels;
using Credentials.Model;

namespace Credentials.Revocation;

/// <summary>
/// The revocation step's reasons and the revocation list's problems (specs/revocation-list.md), as keys of the label
/// data. They name lists by address and institutions by id, never a token id.
/// </summary>
internal static class RevocationMessages
{
    public static MessageText NotListReference() => MessageText.Of("revocation.notListReference");

    public static MessageText OfflineNoList(string address, double hours) => MessageText.Of("revocation.offlineNoList", ("address", address), ("hours", (long)Math.Round(hours, MidpointRounding.AwayFromZero)));

    public static MessageText WrongIssuer(InstitutionId issuer, InstitutionId source) => MessageText.Of("revocation.wrongIssuer", ("issuer", issuer.ToString()), ("source", source.ToString()));

    public static MessageText Stale(DateTimeOffset due) => MessageText.Of("revocation.stale", ("due", Minute(due)));

    public static MessageText Revoked(DateTimeOffset revokedAt, DateTimeOffset listIssued, MessageText fetched) =>
        MessageText.Of("revocation.revoked", ("date", DateOnly.FromDateTime(revokedAt.UtcDateTime)), ("issued", Minute(listIssued)), ("age", fetched));

    public static MessageText NotRevoked(InstitutionId issuer, DateTimeOffset listIssued, MessageText fetched) =>
        MessageText.Of("revocation.notRevoked", ("issuer", issuer.ToString()), ("issued", Minute(listIssued)), ("age", fetched));

    public static MessageText Unreachable(MessageText problem) => MessageText.Of("revocation.unreachable", ("problem", problem));

    public static MessageText Unusable(MessageText problem) => MessageText.Of("revocation.unusable", ("problem", problem));

    public static MessageText BadlySigned(MessageText problem) => MessageText.Of("revocation.badlySigned", ("problem", problem));

    /// <summary>How long ago a list was fetched: "just now", "5 minutes ago", "3 hours ago".</summary>
    public static MessageText Ago(TimeSpan age) =>
        age < TimeSpan.FromMinutes(1) ? MessageText.Of("ago.justNow")
        : age.TotalHours < 1 ? MessageText.Of("ago.minutes", ("count", (long)Math.Floor(age.TotalMinutes)))
        : MessageText.Of("ago.hours", ("count", (long)Math.Floor(age.TotalHours)));

    public static MessageText UnknownSigner(string thumbprint, InstitutionId issuer) => MessageText.Of("revocationList.unknownSigner", ("thumbprint", thumbprint), ("issuer", issuer.ToString()));

    /// <summary>The signature does not verify, with why the key could not be used when that is the reason.</summary>
    public static MessageText SignatureInvalid(MessageText? keyProblem) =>
        keyProblem is null ? MessageText.Of("revocationList.signatureInvalid") : MessageText.Of("revocationList.keyUnusable", ("problem", keyProblem));

    public static MessageText OtherSigner(string thumbprint, string expected) => MessageText.Of("revocationList.otherSigner", ("thumbprint", thumbprint), ("expected", expected));

    /// <summary>The issuer's own list does not verify with its own certificate: changed since it was signed, or a key that cannot be used.</summary>
    public static MessageText Changed(MessageText? keyProblem) =>
        keyProblem is null ? MessageText.Of("revocationList.changed") : MessageText.Of("revocationList.ownKeyUnusable", ("problem", keyProblem));

    public static MessageText TooLarge(int length, int max) => MessageText.Of("revocationList.tooLarge", ("length", length), ("max", max));

    public static MessageText NotJws(MessageText problem) => MessageText.Of("revocationList.notJws", ("problem", problem));

    public static MessageText BadHeader(IEnumerable<MessageText> problems) => MessageText.Of("revocationList.badHeader", ("problems", MessageText.Join("; ", problems)));

    public static MessageText NotUtf8() => MessageText.Of("revocationList.notUtf8");

    public static MessageText PayloadNull() => MessageText.Of("revocationList.payloadNull");

    public static MessageText Member() => MessageText.Of("revocationList.member");

    public static MessageText Type(string type) => MessageText.Of("revocationList.typ", ("type", type));

    public static MessageText Issuer(MessageText problem) => MessageText.Of("revocationList.iss", ("problem", problem));

    public static MessageText RevokedMissing() => MessageText.Of("revocationList.revokedMissing");

    public static MessageText EntryTokenId() => MessageText.Of("revocationList.entryJti");

    public static MessageText Instant(string member) => MessageText.Of("revocationList.instant", ("name", member));

    public static MessageText OtherIssuer(InstitutionId issuer, InstitutionId expected) => MessageText.Of("revocationList.otherIssuer", ("issuer", issuer.ToString()), ("expected", expected.ToString()));

    /// <summary>An instant to the minute, UTC, as the reasons write it (the template says "UTC").</summary>
    private static string Minute(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture);
}
