using Credentials.Host.Verify;

namespace Credentials.Host.Pages;

/// <summary>What the verify page shows: the form (with a problem beside its field), or the results held under an id.</summary>
public sealed record VerifyPageModel
{
    public required PageLabels Labels { get; init; }

    public required AntiforgeryField Antiforgery { get; init; }

    /// <summary>The treatment date the form offers, YYYY-MM-DD.</summary>
    public required string TreatmentDate { get; init; }

    /// <summary>The audience a wallet presentation's key binding must name: this host's public base URL.</summary>
    public string? Audience { get; init; }

    /// <summary>A fresh single-use nonce for a wallet presentation's key binding, sent back with the form.</summary>
    public string? Nonce { get; init; }

    /// <summary>Whether the host trusts only its generated test issuer (then it offers a sample document).</summary>
    public bool TestIssuer { get; init; }

    /// <summary>The problem to show, in the page's language, and the field it belongs to (qr, file, treatmentDate), if any.</summary>
    public string? Problem { get; init; }

    /// <summary>The verifier's one line about the problem (what is wrong with the input), if any.</summary>
    public string? ProblemDetail { get; init; }

    public string? ProblemField { get; init; }

    /// <summary>The results, when the page shows them.</summary>
    public IReadOnlyList<ReportView>? Reports { get; init; }

    /// <summary>The id the results are held under, for the downloads and the language switch.</summary>
    public string? ResultId { get; init; }

    public IReadOnlyList<LanguageChoice> Languages => LanguageChoice.All(Labels.Code);
}
