using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Host.Accounts;
using Credentials.Host.Issuing;
using Credentials.Host.Pages;
using Credentials.Printing;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host.OpenId4Vci;

/// <summary>
/// Creating wallet offers, for the insurer's staff and machines only (policy <c>issuer</c>, and only for documents of
/// an institution the caller's claims name): <c>POST /api/v1/offers</c>, and the pages <c>/offers/new</c> →
/// <c>/offers/{id}</c> showing the offer's QR code and a link for the holder's phone. The transaction code goes back
/// to the caller only, to be delivered out of band; it is never logged.
/// </summary>
internal static class OfferEndpoints
{
    private const int QrPixelsPerModule = 8;

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(WalletImportPaths.OffersApi).RequireAuthorization(InstitutionClaims.IssuerPolicy).WithTags("Wallet offers");
        api.MapPost(string.Empty, CreateAsync)
            .WithMetadata(new BodySizeLimit(16 * 1024))
            .WithName("CreateOffer")
            .WithSummary("Create a wallet offer (OpenID4VCI 1.0 pre-authorized code) for a stored EHIC or ISI+")
            .WithDescription("Body: {\"document\": \"<jti>\", \"tx_code\": true|false}. Returns the offer by reference and by value, where its QR code is as PNG and SVG, the transaction code when asked for, and when it expires. A new offer replaces the document's earlier one.")
            .Accepts<JsonElement>("application/json")
            .Produces<JsonElement>(StatusCodes.Status201Created, "application/json")
            .Problems(StatusCodes.Status400BadRequest, StatusCodes.Status403Forbidden, StatusCodes.Status404NotFound, StatusCodes.Status409Conflict, StatusCodes.Status413PayloadTooLarge, StatusCodes.Status422UnprocessableEntity);
        api.MapGet("/{id}/qr.png", (HttpContext context, string id, WalletOffers offers) =>
            Visible(context, offers, id) is { } found ? Results.File(QrCodeWriter.ToPng(found.Credential.ByReference, QrPixelsPerModule), "image/png") : Results.NotFound())
            .WithName("GetOfferQrPng").WithSummary("The QR code of a live offer's offer_uri, as PNG")
            .Produces<Stream>(StatusCodes.Status200OK, "image/png").Produces(StatusCodes.Status404NotFound);
        api.MapGet("/{id}/qr.svg", (HttpContext context, string id, WalletOffers offers) =>
            Visible(context, offers, id) is { } found ? Results.Text(QrCodeWriter.ToSvg(found.Credential.ByReference, QrPixelsPerModule), "image/svg+xml") : Results.NotFound())
            .WithName("GetOfferQrSvg").WithSummary("The QR code of a live offer's offer_uri, as SVG")
            .Produces<string>(StatusCodes.Status200OK, "image/svg+xml").Produces(StatusCodes.Status404NotFound);

        var pages = app.MapGroup(WalletImportPaths.OfferPages).RequireAuthorization(InstitutionClaims.IssuerPolicy).ExcludeFromDescription();
        pages.MapGet("/new", (HttpContext context, IAntiforgery antiforgery, string? lang, string? document) =>
            NewPage(context, antiforgery, PageLanguage.Choose(context.Request, lang), document, null, StatusCodes.Status200OK));
        pages.MapPost("/new", NewOfferAsync).DisableAntiforgery();
        pages.MapGet("/{id}", (HttpContext context, string id, WalletOffers offers, string? lang) =>
        {
            var labels = PageLanguage.Choose(context.Request, lang);
            var text = OfferPageText.For(labels.Code);
            if (Visible(context, offers, id) is not { } found)
            {
                return new RazorComponentResult<OfferPage>(new { Labels = labels, Text = text, Gone = true }) { StatusCode = StatusCodes.Status404NotFound };
            }

            using var symbol = QrCodeWriter.Encode(found.Credential.ByReference);
            return new RazorComponentResult<OfferPage>(new
            {
                Labels = labels,
                Text = text,
                Redeemed = found.Offer.Redeemed,
                QrDataUri = "data:image/png;base64," + Convert.ToBase64String(symbol.ToPng(QrPixelsPerModule)),
                QrSize = (symbol.Size + (2 * QrCodeWriter.QuietZoneModules)) * QrPixelsPerModule,
                Link = found.Credential.ByValue,
                TxCode = found.Offer.HasTxCode ? found.Secrets.TxCode : null,
                Expires = found.Offer.ExpiresAt,
            });
        });
    }

    private static async Task<IResult> CreateAsync(HttpContext context, WalletOffers offers)
    {
        string? documentId;
        bool withTxCode;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, new JsonDocumentOptions { MaxDepth = 4 }, context.RequestAborted).ConfigureAwait(false);
            var root = body.RootElement;
            documentId = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("document", out var document) && document.ValueKind == JsonValueKind.String ? document.GetString() : null;
            withTxCode = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("tx_code", out var tx) && tx.ValueKind == JsonValueKind.True;
        }
        catch (JsonException)
        {
            return Problem(StatusCodes.Status400BadRequest, "not-json", "The body is not JSON: give {\"document\": \"<jti>\"}.");
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "too-large", "The body is larger than 16 KiB.");
        }

        if (string.IsNullOrWhiteSpace(documentId) || documentId.Length > 128)
        {
            return Problem(StatusCodes.Status400BadRequest, "bad-document", "'document' must be the stored document's jti.");
        }

        if (offers.Document(documentId) is not { } stored)
        {
            return Problem(StatusCodes.Status404NotFound, "no-document", "No stored document has that jti.");
        }

        if (!InstitutionClaims.Allows(context.User, stored.Payload.Document.Institution.Id))
        {
            return Problem(StatusCodes.Status403Forbidden, "institution-not-allowed", "The document belongs to an institution you may not issue for.");
        }

        var issuer = offers.IssuerFor(context);
        switch (offers.Create(stored, withTxCode, issuer))
        {
            case OfferCreation.Created created:
                var offer = created.Offer;
                var page = issuer + WalletImportPaths.OfferPages + "/" + created.Secrets.Id;
                var json = new JsonObject
                {
                    ["offer_id"] = created.Secrets.Id,
                    ["offer_page"] = page,
                    ["credential_configuration_id"] = offer.ConfigurationId,
                    ["credential_offer_uri"] = offer.ReferenceUri,
                    ["offer_uri"] = offer.ByReference,
                    ["offer_uri_by_value"] = offer.ByValue,
                    // The QR code of offer_uri, drawn when fetched (with the caller's credentials), not in every answer.
                    ["qr_png"] = issuer + WalletImportPaths.OffersApi + "/" + created.Secrets.Id + "/qr.png",
                    ["qr_svg"] = issuer + WalletImportPaths.OffersApi + "/" + created.Secrets.Id + "/qr.svg",
                    ["expires_at"] = offer.ExpiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                };
                if (offer.HasTxCode)
                {
                    json["tx_code"] = created.Secrets.TxCode;
                }

                context.Response.Headers.CacheControl = "no-store";
                return Results.Text(json.ToJsonString(), "application/json", statusCode: StatusCodes.Status201Created);
            case OfferCreation.Refused refused:
                return Problem(refused.Status, refused.Code, refused.Reason);
            default:
                throw new InvalidOperationException("an offer creation that is neither created nor refused.");
        }
    }

    private static async Task<IResult> NewOfferAsync(HttpContext context, IAntiforgery antiforgery, WalletOffers offers)
    {
        var labels = PageLanguage.Choose(context.Request, null);
        bool valid;
        try
        {
            valid = context.Request.HasFormContentType && await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
        {
            valid = false;
        }

        if (!valid)
        {
            return NewPage(context, antiforgery, labels, null, OfferPageText.For(labels.Code).BadForm, StatusCodes.Status400BadRequest);
        }

        var form = await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false);
        labels = PageLanguage.Choose(context.Request, form["lang"]);
        var text = OfferPageText.For(labels.Code);
        string? documentId = form["document"];
        documentId = documentId?.Trim();
        if (string.IsNullOrEmpty(documentId) || documentId.Length > 128 || offers.Document(documentId) is not { } stored)
        {
            return NewPage(context, antiforgery, labels, documentId, text.UnknownDocument, StatusCodes.Status404NotFound);
        }

        if (!InstitutionClaims.Allows(context.User, stored.Payload.Document.Institution.Id))
        {
            return NewPage(context, antiforgery, labels, documentId, text.NotYours, StatusCodes.Status403Forbidden);
        }

        return offers.Create(stored, form["tx_code"] == "on", offers.IssuerFor(context)) switch
        {
            // The offer's secret id is in the address of a page only its staff can open; see OfferSecrets.
            OfferCreation.Created created => Results.Redirect($"{WalletImportPaths.OfferPages}/{created.Secrets.Id}?lang={labels.Code}", permanent: false, preserveMethod: false),
            OfferCreation.Refused refused => NewPage(context, antiforgery, labels, documentId, refused.Reason, refused.Status),
            _ => throw new InvalidOperationException("an offer creation that is neither created nor refused."),
        };
    }

    private static RazorComponentResult<NewOfferPage> NewPage(HttpContext context, IAntiforgery antiforgery, PageLabels labels, string? document, string? problem, int status)
    {
        var tokens = antiforgery.GetAndStoreTokens(context);
        return new RazorComponentResult<NewOfferPage>(new
        {
            Labels = labels,
            Text = OfferPageText.For(labels.Code),
            Antiforgery = new AntiforgeryField(tokens.FormFieldName, tokens.RequestToken!),
            Document = document,
            Problem = problem,
        }) { StatusCode = status };
    }

    /// <summary>The offer under this id when it waits and its institution is one the caller may act for.</summary>
    private static (Storage.Offers.PendingOffer Offer, OfferSecrets Secrets, CredentialOffer Credential)? Visible(HttpContext context, WalletOffers offers, string id) =>
        offers.Find(id, offers.IssuerFor(context)) is { } found && Model.InstitutionId.TryParse(found.Offer.Institution, out var institution, out _) && InstitutionClaims.Allows(context.User, institution)
            ? found
            : null;

    /// <summary>A refusal as the insurer API's other problems are: with its stable <c>code</c> and <c>type</c>.</summary>
    private static IResult Problem(int status, string code, string detail) => IssuingProblems.Of(status, code, detail);
}
