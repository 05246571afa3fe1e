using Credentials.Labels;

namespace Credentials.Issuance;

/// <summary>The issuer's own refusals, as keys of the label data (the core's <see cref="MessageCatalog"/>).</summary>
internal static class IssuanceMessages
{
    public static MessageText IssuedInFuture(DateOnly issued, DateOnly today) => MessageText.Of("issue.issuedInFuture", ("issued", issued), ("today", today));

    public static MessageText CertificateNotValid(DateOnly from, DateOnly until, DateOnly issued) => MessageText.Of("issue.certificateNotValid", ("from", from), ("until", until), ("issued", issued));
}
