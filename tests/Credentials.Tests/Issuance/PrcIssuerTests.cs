using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Credentials.Issuance;
using Credentials.Model;
using Credentials.Tests.Support;
using Credentials.WireFormat;

namespace Credentials.Tests.Issuance;

public sealed class QrTokenIssuerTests : IDisposable
{
    private readonly Scenario scenario = Scenario.Es256();

    private IssuanceResult Issue(JsonNode request) => scenario.Issuer.Issue(Encoding.UTF8.GetBytes(request.ToJsonString()));

    [Fact]
    public void A_request_without_di_is_issued_today_with_sid_1_0_and_no_time_claims()
    {
        var request = Scenario.ValidPayload();
        request.Remove("sid");
        request["prc"]!.AsObject().Remove("di");
        var result = Issue(request);
        Assert.True(result.Succeeded, string.Join("; ", result.Findings));
        Assert.Equal(Scenario.Today, result.Document!.Document.IssuedOn);
        using var jws = JwsCompact.Parse(result.Document.Token);
        var payload = JsonNode.Parse(jws.PayloadBytes)!.AsObject();
        Assert.Equal("eessi:prc:1.0", (string?)payload["sid"]);
        Assert.Equal(["sid", "jti", "rid", "prc"], payload.Select(p => p.Key));
        Assert.Equal(["alg", "kid", "typ"], JsonNode.Parse(jws.Header.RootElement.GetRawText())!.AsObject().Select(p => p.Key));
        Assert.Equal(QrTextCodec.Encode(result.Document.Token), result.Document.QrText);
    }

    [Fact]
    public void Names_with_accents_and_non_Latin_letters_travel_as_UTF8_and_verify()
    {
        var request = Scenario.ValidPayload();
        request["prc"]!["fn"] = "Παπαδοπούλου-Иванова";
        request["prc"]!["gn"] = "Zoë Ñúñez";
        var result = Issue(request);
        Assert.True(result.Succeeded);
        Assert.Contains("Παπαδοπούλου", Encoding.UTF8.GetString(JwsCompact.Parse(result.Document!.Token).PayloadBytes), StringComparison.Ordinal);
        var report = scenario.Verifier().Verify(result.Document.QrText, Scenario.Today);
        ReportAssert.Approved(report);
        Assert.Equal("Παπαδοπούλου-Иванова", report.Document!.Holder.FamilyName);
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0x7B, 0x22, 0xFF, 0x22, 0x3A, 0x31, 0x7D })] // {"\xFF":1}: not UTF-8
    [InlineData(new byte[] { 0x7B, 0x7D, 0x20, 0x7B, 0x7D })] // {} {}: two values
    [InlineData(new byte[] { 0x7B, 0x22, 0x70, 0x72, 0x63, 0x22, 0x3A })] // {"prc": (cut short)
    public void A_request_that_is_not_one_JSON_text_is_refused_as_not_JSON(byte[] request)
    {
        var result = scenario.Issuer.Issue(request);
        Assert.False(result.Succeeded);
        Assert.Equal(FindingCode.RequestNotJson, Assert.Single(result.Findings).Code);
    }

    [Fact]
    public void A_request_with_a_wrongly_typed_document_says_what_it_found()
    {
        var request = Scenario.ValidPayload();
        request["prc"] = new JsonArray(1, 2);
        var finding = Assert.Single(Issue(request).Findings, f => f.IsBlocking);
        Assert.Equal("/prc", finding.Path);
        Assert.Contains("expected a JSON object, found an array", finding.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Lengths_count_characters_not_bytes()
    {
        var request = Scenario.ValidPayload();
        request["prc"]!["fn"] = new string('Ω', 40);
        Assert.True(Issue(request).Succeeded);
        request["prc"]!["fn"] = new string('Ω', 41);
        Assert.False(Issue(request).Succeeded);
    }

    [Fact]
    public void An_invalid_request_is_refused_with_every_problem_listed()
    {
        var result = scenario.Issuer.Issue(File.ReadAllBytes(Repository.Samples("requests", "prc-invalid.json")));
        Assert.False(result.Succeeded);
        var paths = result.Errors.Select(f => f.Path).ToHashSet();
        Assert.Superset(new HashSet<string?> { "/prc/ic", "/prc/fn", "/prc/dob", "/prc/ii", "/prc/colour" }, paths);
        // The dates that did parse are still checked against each other: sd 2026-12-31 is after ed 2026-01-01.
        Assert.Contains(result.Errors, f => f.Code == FindingCode.StartAfterEnd);
    }

    [Fact]
    public void A_request_breaking_a_date_rule_is_refused_and_warnings_do_not_block()
    {
        var request = Scenario.ValidPayload();
        request["prc"]!["sd"] = "2026-06-20";
        request["prc"]!["ci"] = "0120-ABC";
        var result = Issue(request);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, f => f.Code == FindingCode.StartAfterIssue);
        Assert.Contains(result.Warnings, f => f.Code == FindingCode.CardNumberNotDigits);

        request["prc"]!["sd"] = "2026-06-01";
        var warned = Issue(request);
        Assert.True(warned.Succeeded);
        Assert.Contains(warned.Warnings, f => f.Code == FindingCode.CardNumberNotDigits);
    }

    [Fact]
    public void A_date_of_issuance_in_the_future_or_outside_the_certificate_is_refused()
    {
        var request = Scenario.ValidPayload();
        request["prc"]!["di"] = "2026-06-16";
        request["prc"]!["ed"] = "2026-12-31";
        Assert.Contains(Issue(request).Errors, f => f.Path == "/prc/di");

        var early = Scenario.ValidPayload();
        early["prc"]!["sd"] = "2024-01-01";
        early["prc"]!["di"] = "2024-01-02"; // the test certificate starts a year before today (2025-06-15)
        Assert.Contains(Issue(early).Errors, f => f.Code == FindingCode.CertificateNotValidOnIssueDate);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[]")]
    [InlineData("{\"prc\":{\"ic\":\"BE\"}")]
    public void A_request_that_is_not_a_JSON_object_is_refused_with_a_reason(string json)
    {
        var result = scenario.Issuer.Issue(Encoding.UTF8.GetBytes(json));
        Assert.False(result.Succeeded);
        Assert.NotEmpty(result.Errors);
    }

    [Fact]
    public void Control_characters_in_a_name_are_refused_at_issuance()
    {
        var request = Scenario.ValidPayload();
        request["prc"]!["fn"] = "Pee\nters";
        Assert.Contains(Issue(request).Errors, f => f.Code == FindingCode.ControlCharacter);
    }

    [Fact]
    public void Keys_that_ES256_or_RS256_do_not_allow_are_refused()
    {
        using var p384 = ECDsa.Create(ECCurve.NamedCurves.nistP384);
        using var rsa1024 = RSA.Create(1024);
        Assert.Contains("P-256", Assert.Throws<ArgumentException>(() => new Credentials.Signing.InMemorySigner(p384)).Message, StringComparison.Ordinal);
        Assert.Contains("2048", Assert.Throws<ArgumentException>(() => new Credentials.Signing.InMemorySigner(rsa1024)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_loaded_again_under_the_same_kid_signs_after_the_first_copy_was_disposed()
    {
        // Regression: a process-wide provider cache keyed by kid handed the second load a provider bound to the
        // first, disposed key ("Cannot access a disposed object").
        var request = File.ReadAllBytes(Repository.Samples("requests", "prc.json"));
        for (var round = 0; round < 2; round++)
        {
            using var identity = Credentials.Issuance.Keys.SigningKeyLoader.Load(Repository.Samples("keys", "rs256.key.pem"), Repository.Samples("keys", "rs256.cert.pem"), null);
            var issuer = new QrTokenIssuer(identity, Clock.At(2026, 11, 28));
            Assert.True(issuer.Issue(request).Succeeded);
        }
    }

    public void Dispose() => scenario.Dispose();
}
