using System.Net;
using Credentials.Host.Tests.Support;
using Credentials.Model;
using Credentials.Storage.Accounts;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// Several hosts, one state: two hosts on one PostgreSQL database share the data-protection key ring, so the
/// antiforgery token one host put in its form is good on the other, and the session cookie the other gave is good on
/// the first; an account disabled through either is refused by both. Two hosts with state of their own do not share.
/// </summary>
public sealed class SharedStateTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private const string Password = "correct horse battery staple";

    private readonly HostScenario first = new();
    private readonly HostScenario second = new();

    [SkippableFact]
    public async Task A_form_from_one_host_signs_in_on_the_other_and_the_session_is_good_on_both()
    {
        var location = postgres.NewSchema();
        using (var accounts = LocalAccountStore.Open(location, first.Clock))
        {
            accounts.Create("alice", Password, [InstitutionId.Parse("BE:0120")]);
        }

        // A key ring in PostgreSQL is encrypted with the operator's certificate, which both hosts have.
        using var certificate = new KeyEncryptionCertificate();
        var settings = certificate.With(new Dictionary<string, string?> { ["Credentials:Accounts:Store"] = location });
        using var hostA = new HostFactory(first.Settings(settings));
        using var hostB = new HostFactory(second.Settings(settings));
        var cookies = new CookieContainer();
        using var browserA = hostA.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var browserB = hostB.CreateDefaultClient(new CookieContainerHandler(cookies));

        // The form (and its antiforgery cookie) from host A, posted to host B.
        var (name, value) = SignInForm.Token(await browserA.GetStringAsync(new Uri("/signin", UriKind.Relative)));
        using var signedIn = await browserB.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { [name] = value, ["user"] = "alice", ["password"] = Password, ["returnUrl"] = "/signout" }));
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("/signout", signedIn.Headers.Location?.OriginalString);

        // Host B's session cookie, read by host A; and host A's sign-out form accepted by host B.
        Assert.Equal("alice for BE:0120", await SignInForm.SignedInAsync(browserA));
        Assert.Equal("alice for BE:0120", await SignInForm.SignedInAsync(browserB));
        var signOut = SignInForm.Token(await browserA.GetStringAsync(new Uri("/signout", UriKind.Relative)));
        using var signedOut = await browserB.PostAsync(new Uri("/signout", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { [signOut.Name] = signOut.Value }));
        Assert.Equal(HttpStatusCode.Redirect, signedOut.StatusCode);
        Assert.Null(await SignInForm.SignedInAsync(browserA));

        // One key ring for both: the first host made it, the second found it.
        using var ring = DataProtectionKeyStore.Open(location, first.Clock);
        Assert.Single(ring.All());
    }

    [Fact]
    public async Task Hosts_with_state_of_their_own_do_not_read_each_other_s_forms_or_sessions()
    {
        foreach (var scenario in new[] { first, second })
        {
            using var accounts = LocalAccountStore.Open(Path.Combine(scenario.DataFolder, "state.db"), scenario.Clock);
            accounts.Create("alice", Password, [InstitutionId.Parse("BE:0120")]);
        }

        using var hostA = new HostFactory(first.Settings());
        using var hostB = new HostFactory(second.Settings());
        var cookies = new CookieContainer();
        using var browserA = hostA.CreateDefaultClient(new CookieContainerHandler(cookies));
        using var browserB = hostB.CreateDefaultClient(new CookieContainerHandler(cookies));
        var (name, value) = SignInForm.Token(await browserA.GetStringAsync(new Uri("/signin", UriKind.Relative)));
        using var refused = await browserB.PostAsync(new Uri("/signin", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string> { [name] = value, ["user"] = "alice", ["password"] = Password }));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // Host B's answer replaced the antiforgery cookie with its own: a fresh form from host A signs in there.
        using var signedIn = await SignInForm.SignInAsync(browserA, "alice", Password);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal("alice for BE:0120", await SignInForm.SignedInAsync(browserA));
        Assert.Null(await SignInForm.SignedInAsync(browserB));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        first.Dispose();
        second.Dispose();
    }
}
