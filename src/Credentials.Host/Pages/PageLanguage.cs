using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Credentials.Host.Pages;

/// <summary>The language of a page: the one asked for (a form field or <c>?lang=</c>), else the browser's Accept-Language, else English.</summary>
internal static class PageLanguage
{
    public static PageLabels Choose(HttpRequest request, string? asked)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (asked is { Length: > 0 } && Offered(asked) && PageLabels.TryGet(asked, out var chosen))
        {
            return chosen;
        }

        if (StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var languages))
        {
            foreach (var language in languages.OrderByDescending(l => l.Quality ?? 1.0))
            {
                var primary = language.Value.ToString().Split('-')[0].ToLowerInvariant();
                if ((language.Quality ?? 1.0) > 0 && Offered(primary) && PageLabels.TryGet(primary, out var accepted))
                {
                    return accepted;
                }
            }
        }

        return PageLabels.Get(PageLabels.DefaultLanguage);
    }

    private static bool Offered(string code) => Verify.ReportWording.Languages.Contains(code);
}
