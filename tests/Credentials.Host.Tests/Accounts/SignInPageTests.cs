using Credentials.Host.Tests.Support;
using Credentials.Model;
using Credentials.Storage.Accounts;
using Microsoft.AspNetCore.Builder;
using Microsoft.Playwright;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// The sign-in page in a real headless Chromium: a local account typed in with the keyboard, and the button to the
/// operator's OpenID provider (the tests' own, on 127.0.0.1); each lands on the page asked for, signed in with its
/// institutions, and the browser reports no Content Security Policy violation.
/// </summary>
public sealed class SignInPageTests : IAsyncLifetime, IDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly HostScenario scenario = new();
    private TestOpenIdProvider provider = null!;
    private WebApplication host = null!;
    private Uri address = null!;
    private Chromium? chromium;

    public async Task InitializeAsync()
    {
        using (var accounts = LocalAccountStore.Open(Path.Combine(scenario.DataFolder, "state.db"), scenario.Clock))
        {
            accounts.Create("alice", Password, [InstitutionId.Parse("BE:0121")]);
        }

        provider = await TestOpenIdProvider.StartAsync(["BE:0120"]);

        // The system clock: the sign-in's correlation cookies carry an expiry the browser checks against the real time.
        host = await CredentialsHost.BuildAsync(scenario.Settings(
            new Dictionary<string, string?>
            {
                ["Credentials:Accounts:OpenIdConnect:Authority"] = provider.Authority.ToString(),
                ["Credentials:Accounts:OpenIdConnect:ClientId"] = TestOpenIdProvider.ClientId,
                ["Credentials:Accounts:OpenIdConnect:ClientSecret"] = TestOpenIdProvider.ClientSecret,
                ["Credentials:Accounts:OpenIdConnect:InstitutionClaim"] = TestOpenIdProvider.InstitutionClaim,
                ["Credentials:Accounts:OpenIdConnect:DisplayName"] = "Insurer ID",
                ["Credentials:Accounts:OpenIdConnect:RequireHttpsMetadata"] = "false",
            },
            ["http://127.0.0.1:0"]) with { Time = TimeProvider.System });
        await ServerHost.StartAsync(host);
        address = new Uri(host.Urls.First().TrimEnd('/') + "/");
        provider.RedirectUri = new Uri(address, "signin-oidc");
        if (File.Exists(Chromium.ExecutablePath))
        {
            chromium = await Chromium.LaunchAsync();
        }
    }

    [SkippableFact]
    public async Task A_local_account_typed_in_with_the_keyboard_lands_signed_in_on_the_page_asked_for()
    {
        var (page, violations) = await OpenAsync("signin?returnUrl=%2Fsignout");
        await Screenshots.TakeAsync(page, "host-signin");
        await page.GetByLabel("User name").FillAsync("alice");
        await page.GetByLabel("Password").FillAsync(Password);
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(new Uri(address, "signout").ToString());
        Assert.Equal("Signed in as alice.", await page.Locator("#signed-in-as").InnerTextAsync());
        Assert.Equal("May issue and revoke for: BE:0121", await page.Locator("#institutions").InnerTextAsync());

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await page.WaitForURLAsync(address.ToString());
        await page.GotoAsync(new Uri(address, "signout").ToString());
        Assert.Equal(0, await page.Locator("#signed-in-as").CountAsync());
        Assert.Empty(violations);
    }

    [SkippableFact]
    public async Task The_provider_s_button_signs_in_at_the_OpenID_provider_with_the_institutions_of_its_claim()
    {
        var (page, violations) = await OpenAsync("signin?returnUrl=%2Fsignout");
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Insurer ID" }).ClickAsync();
        await page.WaitForURLAsync(new Uri(address, "signout").ToString());
        Assert.Equal($"Signed in as {TestOpenIdProvider.UserName}.", await page.Locator("#signed-in-as").InnerTextAsync());
        Assert.Equal("May issue and revoke for: BE:0120", await page.Locator("#institutions").InnerTextAsync());
        Assert.Empty(violations);
    }

    private async Task<(IPage Page, List<string> Violations)> OpenAsync(string path)
    {
        Chromium.Require();
        var context = await chromium!.Browser.NewContextAsync(new BrowserNewContextOptions { Locale = "en-GB" });
        var page = await context.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        await page.GotoAsync(new Uri(address, path).ToString());
        return (page, violations);
    }

    public async Task DisposeAsync()
    {
        if (chromium is not null)
        {
            await chromium.DisposeAsync();
        }

        await host.StopAsync();
        await host.DisposeAsync();
        await provider.DisposeAsync();
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scenario.Dispose();
    }
}
