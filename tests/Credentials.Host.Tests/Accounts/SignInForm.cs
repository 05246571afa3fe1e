using System.Net;
using System.Text.RegularExpressions;

namespace Credentials.Host.Tests.Accounts;

/// <summary>What a person's browser does on <c>/signin</c> and <c>/signout</c>, as HTTP: fetch the form (and its antiforgery token), post it.</summary>
internal static partial class SignInForm
{
    /// <summary>The hidden antiforgery field of the first form on a page.</summary>
    public static (string Name, string Value) Token(string html)
    {
        var match = HiddenField().Match(html);
        Assert.True(match.Success, "the page has no antiforgery field");
        return (match.Groups[1].Value, WebUtility.HtmlDecode(match.Groups[2].Value));
    }

    /// <summary>Gets /signin and posts the user name and password with its token; the response (not followed).</summary>
    public static async Task<HttpResponseMessage> SignInAsync(HttpClient client, string user, string password, string returnUrl = "/")
    {
        var page = await client.GetStringAsync(new Uri("/signin?returnUrl=" + Uri.EscapeDataString(returnUrl), UriKind.Relative));
        var (name, value) = Token(page);
        return await client.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            [name] = value,
            ["user"] = user,
            ["password"] = password,
            ["returnUrl"] = returnUrl,
        }));
    }

    /// <summary>Who /signout says is signed in ("alice for BE:0120"), or null when nobody is.</summary>
    public static async Task<string?> SignedInAsync(HttpClient client) => SignedIn(await client.GetStringAsync(new Uri("/signout", UriKind.Relative)));

    /// <summary>Who the /signout page says is signed in, or null.</summary>
    public static string? SignedIn(string page)
    {
        var name = SignedInAs().Match(page);
        var institutions = InstitutionsLine().Match(page);
        return name.Success ? $"{WebUtility.HtmlDecode(name.Groups[1].Value)} for {institutions.Groups[1].Value}" : null;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]+)\" ?/?>")]
    private static partial Regex HiddenField();

    [GeneratedRegex("<p id=\"signed-in-as\">Signed in as (.+?)\\.</p>")]
    private static partial Regex SignedInAs();

    [GeneratedRegex("<p id=\"institutions\">May issue and revoke for: (.*?)</p>")]
    private static partial Regex InstitutionsLine();
}
