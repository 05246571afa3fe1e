using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Credentials.Host.Tests.Support;
using Json.Schema;

namespace Credentials.Host.Tests.Api;

/// <summary>
/// <c>POST /api/v1/verify</c> as a program calls it: our PDF, its QR text (raw or as a form field), a tampered text,
/// a revoked document, content negotiation to the export PDF, and each kind of bad input as an RFC 9457 problem.
/// </summary>
public sealed class VerifyApiTests(ApiFixture fixture) : IClassFixture<ApiFixture>
{
    private static readonly JsonSchema ExportSchema = LoadSchemas();

    private static readonly JsonSerializerOptions CompactJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private HttpClient Client => fixture.Client;

    private static ByteArrayContent Body(byte[] bytes, string type)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse(type);
        return content;
    }

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    [Fact]
    public async Task Our_PDF_is_approved_with_every_step_and_the_answer_follows_the_published_export_schema()
    {
        using var response = await Client.PostAsync("/api/v1/verify", Body(fixture.DocumentPdf, "application/pdf"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("no-store", response.Headers.CacheControl!.ToString());
        var json = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(json);
        Assert.True(ExportSchema.Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid, json);
        var export = document.RootElement;
        Assert.Equal("Approved", export.GetProperty("conclusion").GetString());
        Assert.Equal("2026-06-15", export.GetProperty("treatmentDate").GetString());
        Assert.Equal(fixture.Document.QrText, export.GetProperty("qr").GetString());
        var steps = export.GetProperty("steps").EnumerateArray().ToList();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7, 8], steps.Select(s => s.GetProperty("id").GetInt32()));
        Assert.All(steps, s => Assert.Equal("PASSED", s.GetProperty("result").GetString()));
    }

    [Fact]
    public async Task The_answer_is_the_export_without_indentation_its_members_as_the_export_file_has_them()
    {
        using var response = await Client.PostAsync("/api/v1/verify?lang=de", Body(Encoding.ASCII.GetBytes(fixture.Document.QrText), "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("utf-8", response.Content.Headers.ContentType!.CharSet);
        var json = await response.Content.ReadAsStringAsync();

        // No whitespace between the members: the answer is the compact form of the same JSON value.
        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonSerializer.Serialize(document.RootElement, CompactJson), json);
        Assert.StartsWith("{\"schema\":\"credentials:verification-export:1.0\",\"lang\":\"de\",\"conclusion\":\"Approved\",", json, StringComparison.Ordinal);

        // Words in the language asked, written as they are (not \u-escaped), as in the export file.
        var names = document.RootElement.GetProperty("steps").EnumerateArray().Select(s => s.GetProperty("name").GetString()!).ToList();
        Assert.Contains(names, name => name.Any(c => c > '~'));
        Assert.DoesNotContain("\\u00", json, StringComparison.Ordinal);
        Assert.True(ExportSchema.Evaluate(document.RootElement, new EvaluationOptions { RequireFormatValidation = true }).IsValid, json);
    }

    [Fact]
    public async Task The_QR_text_as_the_body_or_as_a_form_field_is_verified_alike_with_the_treatment_date_asked()
    {
        using var raw = await Client.PostAsync("/api/v1/verify?treatmentDate=2026-06-01", Body(Encoding.ASCII.GetBytes(fixture.Document.QrText + "\n"), "text/plain"));
        using var form = new MultipartFormDataContent { { new StringContent(fixture.Document.QrText), "qr" }, { new StringContent("2026-06-01"), "treatmentDate" } };
        using var posted = await Client.PostAsync("/api/v1/verify", form);
        foreach (var response in new[] { raw, posted })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var export = await Json(response);
            Assert.Equal("Approved", export.GetProperty("conclusion").GetString());
            Assert.Equal("2026-06-01", export.GetProperty("treatmentDate").GetString());
        }
    }

    [Fact]
    public async Task An_uploaded_file_in_a_form_is_verified()
    {
        using var form = new MultipartFormDataContent { { Body(fixture.DocumentPdf, "application/octet-stream"), "file", "scan.pdf" } };
        using var response = await Client.PostAsync("/api/v1/verify", form);
        Assert.Equal("Approved", (await Json(response)).GetProperty("conclusion").GetString());
    }

    [Fact]
    public async Task Accept_application_pdf_answers_with_the_export_PDF_named_without_personal_data()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/verify") { Content = Body(Encoding.ASCII.GetBytes(fixture.Document.QrText), "text/plain") };
        request.Headers.Accept.ParseAdd("application/json;q=0.5, application/pdf");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.StartsWith("%PDF-", Encoding.ASCII.GetString(pdf, 0, 5), StringComparison.Ordinal);
        var name = response.Content.Headers.ContentDisposition!.FileName!.Trim('"');
        Assert.Matches(@"^verification-\d{8}-\d{6}-approved\.pdf$", name);
        Assert.Contains("Accept", response.Headers.Vary);
    }

    [Fact]
    public async Task A_tampered_text_is_rejected_at_step_4_for_its_signature()
    {
        using var response = await Client.PostAsync("/api/v1/verify", Body(Encoding.ASCII.GetBytes(HostScenario.Tampered(fixture.Document.QrText)), "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await Json(response);
        Assert.Equal("Rejected", export.GetProperty("conclusion").GetString());
        Assert.Equal(4, export.GetProperty("reason").GetProperty("step").GetInt32());
        Assert.Equal("SIGNATURE_INVALID", export.GetProperty("reason").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_revoked_document_is_rejected_at_step_6()
    {
        var revoked = fixture.Scenario.IssuePrc(fixture.Lists.Url("BE-0120/prc"), tokenId: "11111111-2222-4333-8444-555555555555");
        using var response = await Client.PostAsync("/api/v1/verify", Body(Encoding.ASCII.GetBytes(revoked.QrText), "text/plain"));
        var export = await Json(response);
        Assert.Equal("Rejected", export.GetProperty("conclusion").GetString());
        Assert.Equal(6, export.GetProperty("reason").GetProperty("step").GetInt32());
        Assert.Equal("REVOKED", export.GetProperty("reason").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("a")]
    [InlineData("~")]
    [InlineData("é")]
    public async Task QR_text_with_one_wrong_character_is_verified_and_rejected_at_step_2_not_refused_as_unsupported(string wrong)
    {
        var qr = fixture.Document.QrText;
        var damaged = qr[..40] + wrong + qr[41..];
        using var response = await Client.PostAsync("/api/v1/verify", Body(Encoding.UTF8.GetBytes(damaged), "text/plain"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var export = await Json(response);
        Assert.Equal("Rejected", export.GetProperty("conclusion").GetString());
        Assert.Equal(2, export.GetProperty("reason").GetProperty("step").GetInt32());
        Assert.Equal("NOT_BASE_45", export.GetProperty("reason").GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_problem_detail_ends_with_one_full_stop()
    {
        using var response = await Client.PostAsync("/api/v1/verify", Body(Png(300, 300), "image/png"));
        var detail = (await Json(response)).GetProperty("detail").GetString()!;
        Assert.Equal("no QR code was found in the 300×300 image.", detail);
    }

    public static TheoryData<string, string, int, string> BadInputs() => new()
    {
        { "empty", "text/plain", 400, "empty-input" },
        { "gif", "image/gif", 415, "unsupported-input" },
        { "png-without-code", "image/png", 422, "no-qr-code" },
        { "broken-pdf", "application/pdf", 422, "unreadable" },
        { "token", "text/plain", 422, "compact-jws" },
        { "too-large", "application/pdf", 413, "too-large" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_is_a_problem_with_its_status_type_and_a_one_line_detail_that_quotes_nothing(string input, string type, int status, string code)
    {
        var bytes = input switch
        {
            "empty" => [],
            "gif" => "GIF89a\x01\x00\x01\x00\x00\x00\x00;"u8.ToArray(),
            "png-without-code" => Png(64, 64),
            "broken-pdf" => fixture.DocumentPdf[..2000],
            "token" => Encoding.ASCII.GetBytes(fixture.Document.Token),
            _ => new byte[ApiFixture.UploadLimit + 1],
        };
        if (input == "too-large")
        {
            "%PDF-1.7\n"u8.CopyTo(bytes);
        }

        using var response = await Client.PostAsync("/api/v1/verify", Body(bytes, type));
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        var problem = await Json(response);
        Assert.Equal("urn:credentials:problem:" + code, problem.GetProperty("type").GetString());
        Assert.Equal(status, problem.GetProperty("status").GetInt32());
        var detail = problem.GetProperty("detail").GetString()!;
        Assert.DoesNotContain('\n', detail);
        Assert.DoesNotContain("Dupont", detail, StringComparison.Ordinal);
        Assert.DoesNotContain(fixture.Document.Token[..20], detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_JSON_report_is_worded_in_the_language_asked_for_with_the_codes_and_results_unchanged()
    {
        using var response = await Client.PostAsync("/api/v1/verify?lang=fr", Body(Encoding.ASCII.GetBytes(HostScenario.Tampered(fixture.Document.QrText)), "text/plain"));
        var export = await Json(response);
        Assert.Equal("fr", export.GetProperty("lang").GetString());
        var step = export.GetProperty("steps").EnumerateArray().Single(s => s.GetProperty("id").GetInt32() == 4);
        Assert.Equal("NOT PASSED", step.GetProperty("result").GetString());
        Assert.Equal("SIGNATURE_INVALID", step.GetProperty("code").GetString());
        Assert.Equal(Credentials.Labels.MessageCatalog.Get("fr").StepTitle(Credentials.Verification.VerificationStep.ResolveKey), step.GetProperty("name").GetString());
        Assert.NotEqual(Credentials.Labels.MessageCatalog.English.StepTitle(Credentials.Verification.VerificationStep.ResolveKey), step.GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("?treatmentDate=15-06-2026", "bad-treatment-date")]
    [InlineData("?lang=xx", "bad-language")]
    public async Task A_bad_treatment_date_or_language_is_a_400_problem(string query, string code)
    {
        using var response = await Client.PostAsync("/api/v1/verify" + query, Body(Encoding.ASCII.GetBytes(fixture.Document.QrText), "text/plain"));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:credentials:problem:" + code, (await Json(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task Both_a_file_and_a_text_in_one_form_is_a_problem_not_a_guess()
    {
        using var form = new MultipartFormDataContent { { new StringContent(fixture.Document.QrText), "qr" }, { Body(fixture.DocumentPdf, "application/pdf"), "file", "scan.pdf" } };
        using var response = await Client.PostAsync("/api/v1/verify", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("urn:credentials:problem:two-inputs", (await Json(response)).GetProperty("type").GetString());
    }

    [Fact]
    public async Task A_client_accepting_neither_JSON_nor_PDF_gets_406()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/verify") { Content = Body(Encoding.ASCII.GetBytes(fixture.Document.QrText), "text/plain") };
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await Client.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotAcceptable, response.StatusCode);
    }

    /// <summary>The export schema, with the payload schemas it refers to registered beside it.</summary>
    private static JsonSchema LoadSchemas()
    {
        var build = new BuildOptions { SchemaRegistry = new SchemaRegistry() };
        foreach (var file in new[] { "eprc-payload-1.0.schema.json", "ehic-payload-0.1.schema.json", "isi-payload-0.1.schema.json" })
        {
            JsonSchema.FromText(File.ReadAllText(Repository.Specs("schemas", file)), build);
        }

        return JsonSchema.FromText(File.ReadAllText(Repository.Specs("schemas", "verification-export-1.0.schema.json")), build);
    }

    /// <summary>A white PNG with no QR code in it.</summary>
    private static byte[] Png(int width, int height)
    {
        var pixels = Enumerable.Repeat((byte)255, width * height).ToArray();
        using var buffer = new MemoryStream();
        new StbImageWriteSharp.ImageWriter().WritePng(pixels, width, height, StbImageWriteSharp.ColorComponents.Grey, buffer);
        return buffer.ToArray();
    }
}
