using Credentials.Host.Pages;
using Credentials.Storage.Accounts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Accounts;

/// <summary>
/// <c>/signin</c> and <c>/signout</c>: a server-rendered form for local accounts (antiforgery checked before anything
/// else is read; every refusal worded alike), the button to the operator's OpenID provider, and signing out (a POST).
/// A sign-in ends in a session cookie and a redirect to the page asked for, which must be a path of this host.
/// </summary>
internal static class SignInEndpoints
{
    public const string SignInPath = "/signin";
    public const string SignOutPath = "/signout";
    public const string OpenIdConnectPath = "/signin/oidc";

    public static IEnumerable<IEndpointConventionBuilder> Map(IEndpointRouteBuilder app)
    {
        yield return app.MapGet(SignInPath, (HttpContext context, SignInServices services, string? returnUrl, string? lang) =>
            Page(services.Model(context, PageLanguage.Choose(context.Request, lang), returnUrl)));
        yield return app.MapPost(SignInPath, SignInAsync).DisableAntiforgery();
        yield return app.MapGet(OpenIdConnectPath, (SignInServices services, string? returnUrl) => services.OpenIdConnect is null
            ? Results.NotFound()
            : Results.Challenge(new AuthenticationProperties { RedirectUri = LocalPath(returnUrl) }, [OpenIdConnectScheme]));
        yield return app.MapGet(SignOutPath, (HttpContext context, SignInServices services, string? lang) =>
            new RazorComponentResult<SignOutPage>(new { Model = services.Model(context, PageLanguage.Choose(context.Request, lang), null) with { SignedInAs = context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null, Institutions = InstitutionClaims.Of(context.User) } }));
        yield return app.MapPost(SignOutPath, SignOutAsync).DisableAntiforgery();
    }

    /// <summary>The scheme name of the OpenID Connect sign-in.</summary>
    public const string OpenIdConnectScheme = "OpenIdConnect";

    /// <summary>A path of this host to return to; anything else (another site, <c>//host</c>, a scheme) is the front page.</summary>
    public static string LocalPath(string? returnUrl) =>
        returnUrl is { Length: > 0 and <= 2048 } path && path[0] == '/' && (path.Length == 1 || (path[1] != '/' && path[1] != '\\')) && !path.Any(char.IsControl)
            ? path
            : "/";

    private static RazorComponentResult<SignInPage> Page(SignInPageModel model, int status = StatusCodes.Status200OK) =>
        new(new { Model = model }) { StatusCode = status };

    private static async Task<IResult> SignInAsync(HttpContext context, SignInServices services)
    {
        if (!await services.IsFormValidAsync(context).ConfigureAwait(false))
        {
            var labels = PageLanguage.Choose(context.Request, null);
            return Page(services.Model(context, labels, null) with { Problem = SignInLabels.Get(labels.Code).BadForm }, StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        var page = services.Model(context, PageLanguage.Choose(context.Request, form["lang"]), form["returnUrl"]);
        string user = form["user"].ToString();
        string password = form["password"].ToString();
        var account = services.LocalAccounts is { } accounts && user.Length > 0 && password.Length > 0 ? accounts.SignIn(user, password) : null;
        if (account is null)
        {
            // One answer for an unknown user, a wrong password, a locked or a disabled account.
            return Page(page with { UserName = user.Length <= LocalAccountStore.MaxUserNameLength ? user : null, Problem = page.Words.Refused }, StatusCodes.Status401Unauthorized);
        }

        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountPrincipals.For(account)).ConfigureAwait(false);
        return Results.Redirect(page.ReturnUrl);
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, SignInServices services)
    {
        if (!await services.IsFormValidAsync(context).ConfigureAwait(false))
        {
            var labels = PageLanguage.Choose(context.Request, null);
            return new RazorComponentResult<SignOutPage>(new { Model = services.Model(context, labels, null) with { Problem = SignInLabels.Get(labels.Code).BadForm } }) { StatusCode = StatusCodes.Status400BadRequest };
        }

        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme).ConfigureAwait(false);
        return Results.Redirect("/");
    }

    /// <summary>What the sign-in endpoints share, from the container.</summary>
    internal sealed class SignInServices(IAntiforgery antiforgery, AccountOptions options, IServiceProvider services)
    {
        /// <summary>The local accounts, when they may sign in.</summary>
        public LocalAccountStore? LocalAccounts { get; } = options.LocalAccounts ? services.GetRequiredService<LocalAccountStore>() : null;

        /// <summary>The provider's name, when OpenID Connect is configured.</summary>
        public string? OpenIdConnect { get; } = options.OpenIdConnect.Enabled ? options.OpenIdConnect.DisplayName : null;

        public SignInPageModel Model(HttpContext context, PageLabels labels, string? returnUrl)
        {
            var tokens = antiforgery.GetAndStoreTokens(context);
            return new SignInPageModel
            {
                Labels = labels,
                Words = SignInLabels.Get(labels.Code),
                Antiforgery = new AntiforgeryField(tokens.FormFieldName, tokens.RequestToken!),
                ReturnUrl = LocalPath(returnUrl),
                LocalAccounts = LocalAccounts is not null,
                OpenIdConnect = OpenIdConnect,
            };
        }

        public async Task<bool> IsFormValidAsync(HttpContext context)
        {
            try
            {
                return context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                return false;
            }
        }
    }
}
