using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Credentials.Host.Tests.Support;
using Credentials.Model;
using Credentials.Storage.Accounts;

namespace Credentials.Host.Tests.Accounts;

/// <summary>
/// The API key handler through a real protected endpoint, <c>GET /api/v1/me</c>, on the host as <c>credentials
/// serve</c> builds it: a key in either header signs the caller in with its institutions; a missing, wrong, expired or
/// revoked key gets the same 401 problem, and the key never reaches a log.
/// </summary>
public sealed class ApiKeyAuthenticationTests(PostgresDatabase postgres) : IClassFixture<PostgresDatabase>, IDisposable
{
    private static readonly InstitutionId Be0120 = InstitutionId.Parse("BE:0120");
    private static readonly InstitutionId Be0121 = InstitutionId.Parse("BE:0121");

    private readonly HostScenario scenario = new();

    private string StateDatabase => Path.Combine(scenario.DataFolder, "state.db");

    [Fact]
    public async Task A_key_as_bearer_token_or_X_Api_Key_says_who_the_caller_is_and_for_which_institutions()
    {
        IssuedApiKey issued;
        using (var keys = ApiKeyStore.Open(StateDatabase, scenario.Clock))
        {
            issued = keys.Create("claims system", [Be0120, Be0121]);
        }

        using var factory = new HostFactory(scenario.Settings());
        using var client = factory.CreateClient();
        foreach (var request in new[]
        {
            Me(("Authorization", "Bearer " + issued.Secret)),
            Me(("Authorization", "bearer " + issued.Secret)),
            Me(("X-Api-Key", issued.Secret)),
            Me(("X-Api-Key", issued.Secret), ("Authorization", "Bearer " + issued.Secret)),
        })
        {
            using (request)
            using (var response = await client.SendAsync(request))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
                using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
                Assert.Equal("claims system", body.RootElement.GetProperty("name").GetString());
                Assert.Equal("api-key", body.RootElement.GetProperty("kind").GetString());
                Assert.Equal(issued.Key.Id, body.RootElement.GetProperty("keyId").GetString());
                Assert.Equal(["BE:0120", "BE:0121"], body.RootElement.GetProperty("institutions").EnumerateArray().Select(e => e.GetString()));
            }
        }

        Assert.DoesNotContain(LogCapture.Lines, line => line.Contains(issued.Secret[21..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task No_key_a_wrong_an_expired_or_a_revoked_key_all_get_the_same_401_problem()
    {
        IssuedApiKey good, revoked, expiring;
        using (var keys = ApiKeyStore.Open(StateDatabase, scenario.Clock))
        {
            good = keys.Create("good", [Be0120]);
            revoked = keys.Create("revoked", [Be0120]);
            expiring = keys.Create("expiring", [Be0120], scenario.Clock.GetUtcNow().AddHours(1));
        }

        using var factory = new HostFactory(scenario.Settings());
        using var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await StatusOf(client, Me(("Authorization", "Bearer " + expiring.Secret))));
        Assert.Equal(HttpStatusCode.OK, await StatusOf(client, Me(("Authorization", "Bearer " + revoked.Secret))));

        // Revoked on the command line's side while the host runs: refused at the next request.
        using (var keys = ApiKeyStore.Open(StateDatabase, scenario.Clock))
        {
            keys.Revoke(revoked.Key.Id);
        }

        scenario.Clock.Advance(TimeSpan.FromHours(1));
        var wrongSecret = good.Secret[..^1] + (good.Secret[^1] == 'A' ? 'B' : 'A');
        var refusals = new List<string>();
        foreach (var presented in new (string, string)[][]
        {
            [("Authorization", "Bearer " + wrongSecret)],
            [("Authorization", "Bearer " + revoked.Secret)],
            [("X-Api-Key", expiring.Secret)],
            [("X-Api-Key", "not a key at all")],
            [("X-Api-Key", new string('k', 10_000))],
            [("X-Api-Key", good.Secret), ("Authorization", "Bearer " + revoked.Secret)],
        })
        {
            using var request = Me(presented);
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.Equal("Bearer realm=\"credentials\", error=\"invalid_token\"", response.Headers.WwwAuthenticate.ToString());
            refusals.Add(WithoutTraceId(await response.Content.ReadAsStringAsync()));
        }

        Assert.Single(refusals.Distinct());
        using var problem = JsonDocument.Parse(refusals[0]);
        Assert.Equal(401, problem.RootElement.GetProperty("status").GetInt32());
        Assert.Equal("urn:credentials:problem:unauthenticated", problem.RootElement.GetProperty("type").GetString());
        Assert.DoesNotContain("revoked", refusals[0], StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expired", refusals[0], StringComparison.OrdinalIgnoreCase);

        using var anonymous = await client.GetAsync(new Uri("/api/v1/me", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal("Bearer realm=\"credentials\"", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.Equal(refusals[0], WithoutTraceId(await anonymous.Content.ReadAsStringAsync()));

        // The good key still works, and no key's text reached a log line.
        Assert.Equal(HttpStatusCode.OK, await StatusOf(client, Me(("X-Api-Key", good.Secret))));
        foreach (var secret in new[] { good.Secret, revoked.Secret, expiring.Secret, wrongSecret })
        {
            Assert.DoesNotContain(LogCapture.Lines, line => line.Contains(secret[21..], StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task The_public_endpoints_need_no_key_and_the_OpenAPI_description_names_the_me_endpoint()
    {
        using var factory = new HostFactory(scenario.Settings());
        using var client = factory.CreateClient();
        using var issuers = await client.GetAsync(new Uri("/api/v1/issuers", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, issuers.StatusCode);
        using var verify = await client.PostAsync(new Uri("/api/v1/verify", UriKind.Relative), new StringContent(scenario.IssuePrc().QrText, System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.OK, verify.StatusCode);
        var openApi = await client.GetStringAsync(new Uri(CredentialsHost.OpenApiPath, UriKind.Relative));
        Assert.Contains("\"/api/v1/me\"", openApi, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_host_whose_state_is_in_PostgreSQL_accepts_the_keys_created_there()
    {
        var location = postgres.NewSchema();
        IssuedApiKey issued;
        using (var keys = ApiKeyStore.Open(location, scenario.Clock))
        {
            issued = keys.Create("shared state", [Be0121]);
        }

        using var certificate = new KeyEncryptionCertificate();
        using var factory = new HostFactory(scenario.Settings(certificate.With(new Dictionary<string, string?> { ["Credentials:Accounts:Store"] = location })));
        using var client = factory.CreateClient();
        using var request = Me(("Authorization", "Bearer " + issued.Secret));
        using var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"BE:0121\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(File.Exists(StateDatabase));
    }

    [Fact]
    public async Task An_unusable_state_database_stops_the_start_with_one_line()
    {
        var refused = await Assert.ThrowsAsync<ServerStartException>(() => CredentialsHost.BuildAsync(scenario.Settings(new Dictionary<string, string?> { ["Credentials:Accounts:Store"] = scenario.DataFolder })));
        Assert.Equal($"Credentials:Accounts:Store: the state database '{scenario.DataFolder}' is a folder, not a database file.", refused.Message);
    }

    private static HttpRequestMessage Me(params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/api/v1/me", UriKind.Relative));
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return request;
    }

    /// <summary>A problem's body without its traceId, the one member that differs between requests.</summary>
    private static string WithoutTraceId(string problem) => System.Text.RegularExpressions.Regex.Replace(problem, ",\"traceId\":\"[^\"]*\"", string.Empty);

    private static async Task<HttpStatusCode> StatusOf(HttpClient client, HttpRequestMessage request)
    {
        using (request)
        {
            using var response = await client.SendAsync(request);
            return response.StatusCode;
        }
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        scenario.Dispose();
    }
}
