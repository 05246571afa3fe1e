using System.Text;
using System.Text.Json.Nodes;
using Credentials.Host.Tests.Support;
using Credentials.Scanning;
using Credentials.Signing;
using Credentials.Wallet.SdJwt;
using Credentials.Wallet.SdJwtVc;
using Credentials.WireFormat;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>
/// Wallet import end to end over HTTP, as a wallet does it: the offer (by reference and by value), the issuer and
/// authorization server metadata, the token with the transaction code, a nonce, a batch of credentials with one
/// fresh proof per key; each credential verified by the wallet verifier against the trust registry with key binding
/// by its own key, and carrying the document the PDF's QR code carries.
/// </summary>
public sealed class WalletImportFlowTests(WalletImportFixture fixture) : IClassFixture<WalletImportFixture>
{
    [Fact]
    public async Task A_wallet_imports_the_ehic_in_a_batch_and_each_credential_is_the_pdfs_document_bound_to_its_own_key()
    {
        var offer = await fixture.Host.CreateOfferAsync(fixture.Operator, fixture.Ehic.Payload.TokenId!, txCode: true);
        var txCode = (string)offer["tx_code"]!;
        Assert.Matches("^[0-9]{6}$", txCode);
        using var first = InMemorySigner.CreateP256();
        using var second = InMemorySigner.CreateP256();
        using var third = InMemorySigner.CreateP256();

        var credentials = await fixture.Wallet.ImportAsync((string)offer["offer_uri"]!, txCode, first, second, third);

        Assert.Equal(3, credentials.Count);
        Assert.Equal(3, credentials.Distinct(StringComparer.Ordinal).Count());
        var pdfDocument = PdfDocumentOf(fixture.Ehic);
        foreach (var (credential, holder) in credentials.Zip([first, second, third]))
        {
            var report = await VerifyWithKeyBindingAsync(credential, holder);
            Assert.True(report.IsApproved, string.Join("; ", report.Steps.Where(s => s.Rejects).Select(s => s.Code)));
            Assert.Equal(WalletCredentialType.Ehic, report.Type);
            Assert.Equal(fixture.Host.Issuer, report.Credential!.Issuer);
            // The EHIC credential carries the card's data but not the holder's names (the DC4EU shape): field by field.
            var card = Assert.IsType<Documents.EuropeanHealthInsuranceCard>(pdfDocument);
            Assert.Equal(card.CardNumber, report.Credential.DocumentNumber);
            Assert.Equal(card.PersonalIdentificationNumber, report.Credential.PersonalAdministrativeNumber);
            Assert.Equal(card.Institution, report.Credential.Institution);
            Assert.Equal(card.IssuedOn, report.Credential.IssuedOn);
            Assert.Equal(card.Expiry, report.Credential.Expiry);
            Assert.Equal(card.Coverage, report.Credential.Coverage);
        }

        // A credential is bound to the key of its proof and no other: its cnf.jwk is not the second key.
        await Assert.ThrowsAsync<ArgumentException>(() => VerifyWithKeyBindingAsync(credentials[0], second));
    }

    [Fact]
    public async Task A_wallet_imports_the_isi_plus_from_the_offer_by_value()
    {
        var offer = await fixture.Host.CreateOfferAsync(fixture.Operator, fixture.IsiPlus.Payload.TokenId!);
        Assert.Null(offer["tx_code"]);
        using var holder = InMemorySigner.CreateP256();

        var credentials = await fixture.Wallet.ImportAsync((string)offer["offer_uri_by_value"]!, null, holder);

        var report = await VerifyWithKeyBindingAsync(Assert.Single(credentials), holder);
        Assert.True(report.IsApproved, string.Join("; ", report.Steps.Where(s => s.Rejects).Select(s => s.Code)));
        Assert.Equal(WalletCredentialType.IsiPlus, report.Type);
        Assert.Equal(PdfDocumentOf(fixture.IsiPlus), report.Credential!.Document);
        Assert.Equal(fixture.IsiPlus.Payload.TokenId, report.Credential.DocumentNumber);
    }

    [Fact]
    public async Task The_issuer_metadata_lists_both_credentials_with_display_data_in_four_languages()
    {
        var endpoints = await fixture.Wallet.DiscoverAsync(fixture.Host.Issuer);
        var metadata = endpoints.Metadata;
        Assert.Equal(fixture.Host.Issuer + "/nonce", (string?)metadata["nonce_endpoint"]);
        Assert.Equal(fixture.Host.Issuer + "/credential", (string?)metadata["credential_endpoint"]);
        Assert.True((int)metadata["batch_credential_issuance"]!["batch_size"]! >= 2);
        var configurations = metadata["credential_configurations_supported"]!.AsObject();
        Assert.Equal(["ehic_dc+sd-jwt", "isi_plus_dc+sd-jwt"], configurations.Select(c => c.Key).Order(StringComparer.Ordinal));
        foreach (var (_, configuration) in configurations)
        {
            Assert.Equal("dc+sd-jwt", (string?)configuration!["format"]);
            Assert.Equal(["jwk"], configuration["cryptographic_binding_methods_supported"]!.AsArray().Select(m => (string?)m));
            Assert.Equal(["ES256"], configuration["proof_types_supported"]!["jwt"]!["proof_signing_alg_values_supported"]!.AsArray().Select(m => (string?)m));
            var locales = configuration["credential_metadata"]!["display"]!.AsArray().Select(d => (string?)d!["locale"]);
            Assert.Equal(["de", "en", "fr", "nl"], locales.Order(StringComparer.Ordinal));
            Assert.All(configuration["credential_metadata"]!["claims"]!.AsArray(), claim => Assert.Equal(4, claim!["display"]!.AsArray().Count));
        }

        Assert.Equal("urn:eudi:ehic:1", (string?)configurations["ehic_dc+sd-jwt"]!["vct"]);
        Assert.Equal("urn:credentials:isi:1", (string?)configurations["isi_plus_dc+sd-jwt"]!["vct"]);
    }

    [Fact]
    public async Task The_offer_api_gives_the_qr_code_of_the_offer_by_reference_as_png_and_svg()
    {
        var offer = await fixture.Host.CreateOfferAsync(fixture.Operator, fixture.Ehic.Payload.TokenId!);
        using (var png = await fixture.Operator.GetAsync(new Uri((string)offer["qr_png"]!)))
        {
            Assert.Equal("image/png", png.Content.Headers.ContentType?.MediaType);
            Assert.Equal((string)offer["offer_uri"]!, Assert.Single(QrCodeReader.ReadAll(await png.Content.ReadAsByteArrayAsync())));
        }

        using (var svg = await fixture.Operator.GetAsync(new Uri((string)offer["qr_svg"]!)))
        {
            Assert.Equal("image/svg+xml", svg.Content.Headers.ContentType?.MediaType);
            Assert.Contains("<svg", await svg.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // Only the operator of the document's institution sees them.
        using var elsewhere = WalletImportHost.Operator(fixture.Scenario, "BE:0170");
        using var hidden = await elsewhere.GetAsync(new Uri((string)offer["qr_png"]!));
        Assert.Equal(System.Net.HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.StartsWith(fixture.Host.Issuer + "/openid4vci/credential-offer/", (string)offer["credential_offer_uri"]!, StringComparison.Ordinal);
        Assert.Equal(fixture.Scenario.Clock.GetUtcNow().AddMinutes(10).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture), (string?)offer["expires_at"]);
    }

    /// <summary>What the holder's PDF carries: the document in its QR code, read back from the printed page.</summary>
    private Documents.HealthInsuranceDocument PdfDocumentOf(Credentials.Issuance.IssuedQrToken issued)
    {
        var qrText = Assert.Single(PdfQrReader.ReadAll(fixture.Scenario.Pdf(issued)));
        var payload = QrTextCodec.Decode(qrText).Split('.')[1];
        var read = QrPayloadReader.Read(Convert.FromBase64String(payload.Replace('-', '+').Replace('_', '/').PadRight(payload.Length + ((4 - (payload.Length % 4)) % 4), '=')), PayloadReadMode.Token);
        return read.Payload!.Document;
    }

    private async Task<WalletVerificationReport> VerifyWithKeyBindingAsync(string credential, ISigner holder)
    {
        Assert.True(SdJwtHolder.TryOpen(credential, fixture.Scenario.Clock, null, out var opened, out var failure), failure?.ToString());
        var presentation = opened.Present(opened.Disclosures.Select(d => d.Path), new KeyBindingRequest(holder, "https://verifier.example.org", "n-0S6_WzA2Mj")).ToCompact();
        var verifier = new WalletCredentialVerifier(fixture.Scenario.Pki.Registry, fixture.Scenario.Clock);
        return await verifier.VerifyAsync(presentation, new KeyBindingExpectation("https://verifier.example.org", "n-0S6_WzA2Mj"), HostScenario.Today);
    }
}
