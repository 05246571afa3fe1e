using Credentials.Labels;

namespace Credentials.Status;

/// <summary>
/// A document's status as its list says. <see cref="Unknown"/> is never read as revoked nor as valid: the status
/// step is N/A with the cause, and the conclusion follows the verifier's policy.
/// </summary>
public enum CredentialStatus
{
    /// <summary>The list was read and the document is not revoked or suspended.</summary>
    Valid,

    /// <summary>The list says the document is revoked (final).</summary>
    Revoked,

    /// <summary>The list says the document is suspended (it may be reinstated).</summary>
    Suspended,

    /// <summary>The status could not be learnt; <see cref="StatusCheck.UnknownCause"/> says why.</summary>
    Unknown,
}

/// <summary>Why a status is unknown.</summary>
public enum StatusUnknownCause
{
    /// <summary>The verifier chose not to check (offline by choice).</summary>
    NotChecked,

    /// <summary>No checker is configured for this kind of reference.</summary>
    NoSource,

    /// <summary>The list could not be downloaded (network, HTTP status, timeout).</summary>
    Unreachable,

    /// <summary>The list, or its decompressed content, is larger than allowed.</summary>
    TooLarge,

    /// <summary>The list is past its next update or expiry.</summary>
    Stale,

    /// <summary>The list's signature does not verify, or its signer is not trusted for the document's institution.</summary>
    BadlySigned,

    /// <summary>The list is not in its format.</summary>
    Malformed,

    /// <summary>The document's index lies outside the list.</summary>
    IndexOutOfRange,

    /// <summary>The list is for another address than the one the document names (status list <c>sub</c>).</summary>
    SubjectMismatch,

    /// <summary>The list holds a status value this verifier does not know.</summary>
    UnsupportedValue,
}

/// <summary>What a status check found, with a sentence for people that names no personal data.</summary>
public sealed record StatusCheck
{
    private StatusCheck(CredentialStatus status, MessageText text, StatusUnknownCause? cause)
    {
        Status = status;
        Text = text ?? throw new ArgumentNullException(nameof(text));
        UnknownCause = cause;
    }

    /// <summary>The status.</summary>
    public CredentialStatus Status { get; }

    /// <summary>The sentence for the report, to be rendered in any language.</summary>
    public MessageText Text { get; }

    /// <summary>The sentence for the report, in English.</summary>
    public string Reason => Text.ToString();

    /// <summary>Why the status is unknown; null unless <see cref="Status"/> is <see cref="CredentialStatus.Unknown"/>.</summary>
    public StatusUnknownCause? UnknownCause { get; }

    /// <summary>When the list consulted was issued, when one was.</summary>
    public DateTimeOffset? ListIssuedAt { get; init; }

    /// <summary>When the list consulted was fetched (it may come from a cache), when one was.</summary>
    public DateTimeOffset? ListFetchedAt { get; init; }

    /// <summary>The list was read and does not name the document.</summary>
    public static StatusCheck Valid(MessageText reason) => new(CredentialStatus.Valid, reason, null);

    /// <summary>The list says the document is revoked.</summary>
    public static StatusCheck Revoked(MessageText reason) => new(CredentialStatus.Revoked, reason, null);

    /// <summary>The list says the document is suspended.</summary>
    public static StatusCheck Suspended(MessageText reason) => new(CredentialStatus.Suspended, reason, null);

    /// <summary>The status could not be learnt, with the cause; never read as revoked nor as valid.</summary>
    public static StatusCheck Unknown(StatusUnknownCause cause, MessageText reason) => new(CredentialStatus.Unknown, reason, cause);

    // A checker whose sentences are not in the label data yet: they read the same in every language.

    /// <summary>As <see cref="Valid(MessageText)"/>, with a sentence that is not in the label data (shown as given in every language).</summary>
    public static StatusCheck Valid(string reason) => Valid(MessageText.Untranslated(reason));

    /// <summary>As <see cref="Revoked(MessageText)"/>, with a sentence that is not in the label data.</summary>
    public static StatusCheck Revoked(string reason) => Revoked(MessageText.Untranslated(reason));

    /// <summary>As <see cref="Suspended(MessageText)"/>, with a sentence that is not in the label data.</summary>
    public static StatusCheck Suspended(string reason) => Suspended(MessageText.Untranslated(reason));

    /// <summary>As <see cref="Unknown(StatusUnknownCause, MessageText)"/>, with a sentence that is not in the label data.</summary>
    public static StatusCheck Unknown(StatusUnknownCause cause, string reason) => Unknown(cause, MessageText.Untranslated(reason));
}
