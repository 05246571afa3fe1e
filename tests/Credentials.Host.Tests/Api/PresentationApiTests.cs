using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Credentials.Host.Tests.Support;
using Credentials.Host.Verify;
using Json.Schema;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Host.Tests.Api;

/// <summary>
/// <c>POST /api/v1/verify</c> with an SD-JWT VC presentation, recognised by its shape: approved with key binding to a
/// nonce from <c>POST /api/v1/verify/nonce</c> (export schema 2.0, validated), the nonce single-use, an unknown one
/// refused, another audience rejected, a presentation without key binding approved with the report saying so, and no
/// PDF form; the nonce store's expiry and bound.
/// </summary>
public sealed class PresentationApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>, IDisposable
{
    private static readonly JsonSchema ExportSchema = JsonSchema.FromText(File.ReadAllText(Repository.Specs("schemas", "verification-export-2.0.schema.json")), new BuildOptions { SchemaRegistry = new SchemaRegistry() });
    private readonly WalletPresentations wallet = new(fixture.Scenario);

    private HttpClient Client => fixture.Client;

    private async Task<(string Audience, string Nonce)> NonceAsync()
    {
        using var response = await Client.PostAsync("/api/v1/verify/nonce", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (json.RootElement.GetProperty("audience").GetString()!, json.RootElement.GetProperty("nonce").GetString()!);
    }

    private Task<HttpResponseMessage> PostAsync(string presentation, string? nonce, string accept = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/verify" + (nonce is null ? string.Empty : "?nonce=" + Uri.EscapeDataString(nonce)))
        {
            Content = new StringContent(presentation, Encoding.ASCII, "text/plain"),
        };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        return Client.SendAsync(request);
    }

    private static async Task<JsonElement> ExportAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = await response.Content.ReadAsStringAsync();
        var document = JsonDocument.Parse(json);
        Assert.True(ExportSchema.Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid, json);
        return document.RootElement;
    }

    [Fact]
    public async Task A_presentation_with_key_binding_to_the_host_s_nonce_is_approved_in_export_schema_2_and_the_nonce_is_used_up()
    {
        var (audience, nonce) = await NonceAsync();
        var presentation = wallet.Present(audience, nonce);
        using var response = await PostAsync(presentation, nonce);
        var export = await ExportAsync(response);
        Assert.Equal("Approved", export.GetProperty("conclusion").GetString());
        Assert.Equal("sd-jwt-vc", export.GetProperty("input").GetProperty("kind").GetString());
        Assert.True(export.GetProperty("keyBinding").GetProperty("verified").GetBoolean());
        Assert.Equal(["decode", "signature-and-trust", "disclosures", "technical-validity", "key-binding", "claims", "document-validity", "coverage", "status", "conclusion"], export.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()));

        // Replayed: the nonce was used up by the first presentation.
        using var replayed = await PostAsync(presentation, nonce);
        Assert.Equal(HttpStatusCode.BadRequest, replayed.StatusCode);
        Assert.Contains("bad-nonce", await replayed.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_nonce_is_refused_another_audience_is_rejected_and_no_PDF_form_is_offered()
    {
        using var unknown = await PostAsync(wallet.Present("http://localhost/", "not-given-by-the-host"), "not-given-by-the-host");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);

        var (_, nonce) = await NonceAsync();
        using var elsewhere = await PostAsync(wallet.Present("https://other.example.org/", nonce), nonce);
        var export = await ExportAsync(elsewhere);
        Assert.Equal("Rejected", export.GetProperty("conclusion").GetString());
        Assert.Equal("KEY_BINDING_AUDIENCE_MISMATCH", export.GetProperty("reason").GetProperty("code").GetString());

        var (audience, fresh) = await NonceAsync();
        using var pdf = await PostAsync(wallet.Present(audience, fresh), fresh, "application/pdf");
        Assert.Equal(HttpStatusCode.NotAcceptable, pdf.StatusCode);
        Assert.Contains("application/json", await pdf.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_presentation_without_key_binding_is_approved_and_the_report_says_it_came_without()
    {
        using var response = await PostAsync(wallet.PresentWithoutKeyBinding(), null);
        var export = await ExportAsync(response);
        Assert.Equal("Approved", export.GetProperty("conclusion").GetString());
        var binding = export.GetProperty("keyBinding");
        Assert.False(binding.GetProperty("required").GetBoolean());
        Assert.False(binding.GetProperty("presented").GetBoolean());
        Assert.Contains("without key binding", binding.GetProperty("message").GetString(), StringComparison.Ordinal);

        // A key binding JWT sent without the nonce it was made for cannot be checked: rejected, never approved.
        var (audience, nonce) = await NonceAsync();
        using var unchecked_ = await PostAsync(wallet.Present(audience, nonce), null);
        Assert.Equal("KEY_BINDING_UNEXPECTED", (await ExportAsync(unchecked_)).GetProperty("reason").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_QR_token_dressed_as_a_presentation_is_verified_as_one_and_rejected_at_decode()
    {
        // Shaped like an SD-JWT (a JWS, a disclosure, '~'), so it goes to the wallet verifier: not our type, never approved.
        using var response = await PostAsync(fixture.Document.Token + "~WyJzYWx0IiwiZmFtaWx5X25hbWUiLCJEdXBvbnQiXQ~", null);
        var export = await ExportAsync(response);
        Assert.Equal("Rejected", export.GetProperty("conclusion").GetString());
        Assert.Equal("decode", export.GetProperty("reason").GetProperty("step").GetString());
        Assert.DoesNotContain("Dupont", export.GetProperty("reason").GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_nonce_is_single_use_expires_and_the_store_keeps_at_most_its_capacity()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 6, 15, 9, 0, 0, TimeSpan.Zero));
        var nonces = new InMemoryPresentationNonces(clock, TimeSpan.FromMinutes(5), capacity: 3);
        var (first, expiresAt) = nonces.Issue();
        Assert.Equal(clock.GetUtcNow().AddMinutes(5), expiresAt);
        Assert.Equal(22, first.Length); // 128 bits, base64url
        Assert.True(nonces.TryConsume(first));
        Assert.False(nonces.TryConsume(first));

        var late = nonces.Issue().Nonce;
        clock.Advance(TimeSpan.FromMinutes(5));
        Assert.False(nonces.TryConsume(late));

        var oldest = nonces.Issue().Nonce;
        clock.Advance(TimeSpan.FromSeconds(1));
        var kept = Enumerable.Range(0, 3).Select(_ => nonces.Issue().Nonce).ToList();
        Assert.False(nonces.TryConsume(oldest));
        Assert.All(kept, n => Assert.True(nonces.TryConsume(n)));
    }

    public void Dispose() => wallet.Dispose();
}
