using System.Net;
using Credentials.Host.Tests.Support;
using Credentials.Model;
using Credentials.Storage.Accounts;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// People signing in on <c>/signin</c> with a local account, on the host as <c>credentials serve</c> builds it: the
/// form carries an antiforgery token and no script; the right password gives a session cookie with the account's
/// institutions and a redirect to a path of this host only; every refusal (wrong password, unknown user, locked,
/// disabled) reads the same; a disabled account's open session ends; signing out is a POST.
/// </summary>
public sealed class SignInTests : IDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly HostScenario scenario = new();

    public SignInTests()
    {
        using var accounts = LocalAccountStore.Open(Path.Combine(scenario.DataFolder, "state.db"), scenario.Clock);
        accounts.Create("alice", Password, [InstitutionId.Parse("BE:0120"), InstitutionId.Parse("BE:0121")]);
    }

    [Fact]
    public async Task The_sign_in_page_is_a_form_with_an_antiforgery_token_and_no_script()
    {
        using var factory = new HostFactory(scenario.Settings());
        using var client = Client(factory);
        using var response = await client.GetAsync(new Uri("/signin?lang=nl", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/signin\"", html, StringComparison.Ordinal);
        Assert.Contains("<h1>Aanmelden</h1>", html, StringComparison.Ordinal);
        Assert.Contains("autocomplete=\"current-password\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", html, StringComparison.Ordinal);
        Assert.DoesNotContain("signin-oidc", html, StringComparison.Ordinal);
        Assert.NotEmpty(SignInForm.Token(html).Value);
        Assert.Contains("script-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_right_password_signs_in_with_the_account_s_institutions_and_signing_out_ends_it()
    {
        using var factory = new HostFactory(scenario.Settings());
        using var client = Client(factory);
        Assert.Null(await SignInForm.SignedInAsync(client));

        using var signedIn = await SignInForm.SignInAsync(client, "Alice", Password, "/verify?lang=fr");
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/verify?lang=fr", signedIn.Headers.Location?.OriginalString);
        var cookie = signedIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(Credentials.Host.Accounts.CredentialsAuthentication.SessionCookie + "=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires=", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("alice for BE:0120, BE:0121", await SignInForm.SignedInAsync(client));

        // The API is for machines: a session cookie is no key there.
        using var me = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, me.StatusCode);

        var page = await client.GetStringAsync(new Uri("/signout", UriKind.Relative));
        using (var forged = await client.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>())))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        }

        Assert.Equal("alice for BE:0120, BE:0121", await SignInForm.SignedInAsync(client));
        var (name, value) = SignInForm.Token(page);
        using var signedOut = await client.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { [name] = value }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Null(await SignInForm.SignedInAsync(client));
    }

    [Fact]
    public async Task Every_refusal_reads_the_same_and_the_fifth_wrong_password_locks_the_account()
    {
        using var factory = new HostFactory(scenario.Settings());
        using var client = Client(factory);
        var answers = new List<string>();
        foreach (var (user, password) in new[] { ("carol", Password), ("alice", "wrong password 1"), ("alice", "wrong password 2"), ("alice", "wrong password 3"), ("alice", "wrong password 4"), ("alice", "wrong password 5"), ("alice", Password) })
        {
            using var refused = await SignInForm.SignInAsync(client, user, password);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
            var html = await refused.Content.ReadAsStringAsync();
            Assert.DoesNotContain(password, html, StringComparison.Ordinal);
            answers.Add(System.Text.RegularExpressions.Regex.Match(html, "<div class=\"problem\" role=\"alert\" id=\"problem\">(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value);
        }

        Assert.Single(answers.Distinct());
        Assert.Contains("The user name or password is not right, or the account cannot sign in now.", answers[0], StringComparison.Ordinal);
        Assert.Null(await SignInForm.SignedInAsync(client));
        scenario.Clock.Advance(LocalAccountStore.LockoutPeriod);
        using var signedIn = await SignInForm.SignInAsync(client, "alice", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.DoesNotContain(LogCapture.Lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_is_refused_and_a_return_address_off_this_host_is_not_followed()
    {
        using var factory = new HostFactory(scenario.Settings());
        using var client = Client(factory);
        using (var forged = await client.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { ["user"] = "alice", ["password"] = Password })))
        {
            Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
            Assert.Contains("The form has expired: try again.", await forged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Null(await SignInForm.SignedInAsync(client));
        foreach (var elsewhere in new[] { "https://attacker.example/", "//attacker.example/", "/\\attacker.example", "javascript:alert(1)" })
        {
            using var signedIn = await SignInForm.SignInAsync(client, "alice", Password, elsewhere);
            Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
            Assert.Equal("/", signedIn.Headers.Location?.OriginalString);
        }
    }

    [Fact]
    public async Task Disabling_an_account_ends_its_open_session_at_the_next_request()
    {
        using var factory = new HostFactory(scenario.Settings());
        using var client = Client(factory);
        using (await SignInForm.SignInAsync(client, "alice", Password))
        {
        }

        Assert.Equal("alice for BE:0120, BE:0121", await SignInForm.SignedInAsync(client));
        var disabled = CliProcess.Run("account", "disable", "--user", "alice", "--store", Path.Combine(scenario.DataFolder, "state.db"));
        Assert.True(disabled.ExitCode == 0, disabled.ToString());
        Assert.Null(await SignInForm.SignedInAsync(client));
        using var again = await SignInForm.SignInAsync(client, "alice", Password);
        Assert.Equal(HttpStatusCode.Unauthorized, again.StatusCode);
    }

    [Fact]
    public async Task With_local_accounts_switched_off_the_page_says_no_sign_in_is_configured()
    {
        using var factory = new HostFactory(scenario.Settings(new Dictionary<string, string?> { ["Credentials:Accounts:LocalAccounts"] = "false" }));
        using var client = Client(factory);
        var html = await client.GetStringAsync(new Uri("/signin", UriKind.Relative));
        Assert.DoesNotContain("id=\"password\"", html, StringComparison.Ordinal);
        Assert.Contains("No sign-in is configured on this host", html, StringComparison.Ordinal);

        // A well-formed post (its token from the sign-out page's form) signs no local account in.
        var (name, value) = SignInForm.Token(await client.GetStringAsync(new Uri("/signout", UriKind.Relative)));
        using var refused = await client.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { [name] = value, ["user"] = "alice", ["password"] = Password }));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Null(await SignInForm.SignedInAsync(client));
    }

    private static HttpClient Client(HostFactory factory) => factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scenario.Dispose();
    }
}
