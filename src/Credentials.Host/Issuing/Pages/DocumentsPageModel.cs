using Credentials.Host.Pages;

namespace Credentials.Host.Issuing.Pages;

/// <summary>What the documents page shows: the search form, the documents found within the user's institutions, the last change made.</summary>
public sealed record DocumentsPageModel
{
    public required IssuingLabels Labels { get; init; }

    public required AntiforgeryField Antiforgery { get; init; }

    /// <summary>The number searched for (kept in the page body, never in a URL).</summary>
    public string? Number { get; init; }

    /// <summary>The documents found; null before a search.</summary>
    public IReadOnlyList<DocumentRow>? Found { get; init; }

    /// <summary>What the last change came to, in the page's language.</summary>
    public string? Message { get; init; }

    /// <summary>A refused change or a bad form.</summary>
    public string? Problem { get; init; }
}
