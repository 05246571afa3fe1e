using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Credentials.Host;

/// <summary>
/// The OpenAPI description of the host's APIs (<c>/openapi/v1.json</c>): every endpoint under <c>/api</c> (verify and
/// its presentation nonce, the resolver, issuing, wallet offers, the caller's identity). Left out on purpose: the
/// health probes (<c>/health/live</c>, <c>/health/ready</c>: for the platform's probes, not for programs that use
/// the API; their contract is the status code alone, in the README), the pages, and the OpenID4VCI endpoints
/// (<c>/.well-known/openid-credential-issuer</c>, <c>/.well-known/oauth-authorization-server</c>, <c>/token</c>,
/// <c>/nonce</c>, <c>/credential</c>, offers by reference): a wallet finds those in the issuer's own metadata, and
/// their shapes are OpenID4VCI 1.0's and RFC 8414's, which a second description here could only contradict.
/// </summary>
internal static class OpenApiDescription
{
    public const string VerifyDescription =
        "Send the QR text (text/plain), a PNG or JPEG photo of the code, or the PDF of the document, as the body or as the multipart form field `file` (or `qr` for the text). " +
        "A wallet's SD-JWT VC presentation (text/plain, `<issuer-signed JWT>~<disclosures>~<key binding JWT>`) is verified too: get a nonce and the audience from POST /api/v1/verify/nonce, have the wallet's key binding JWT carry them, and send the nonce as the query parameter (or form field) `nonce`; its answer is the export schema credentials:verification-export:2.0. " +
        "What the input is comes from its content. The answer is the verification export (schema credentials:verification-export:1.0) as JSON without indentation, or its PDF form with `Accept: application/pdf`; " +
        "an input with several QR codes gives one list of exports (credentials:verification-export-list:1.0). A rejected document is a 200 with conclusion Rejected. Input that gives nothing to verify is an RFC 9457 problem.";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info = new OpenApiInfo
            {
                Title = "Credentials host",
                Version = "v1",
                Description = "Verify the QR codes of the EU's electronic health-insurance documents (the ePRC, the eEHIC, the ISI+ card), and read the trust registry in the EC resolver's shape.",
            };
            return Task.CompletedTask;
        });
    }

    /// <summary>The verify operation's request bodies, answers and query parameters, which its handler reads itself.</summary>
    public static Task Verify(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        _ = context;
        _ = cancellationToken;
        var binary = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" };
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "The QR text, a PNG or JPEG photo of the QR code, or the PDF; recognised by its content.",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The QR text (Base45), or a wallet's SD-JWT VC presentation (issuer-signed JWT, disclosures and key binding JWT, joined by '~')." } },
                ["application/pdf"] = new() { Schema = binary },
                ["image/png"] = new() { Schema = binary },
                ["image/jpeg"] = new() { Schema = binary },
                ["multipart/form-data"] = new()
                {
                    Schema = new OpenApiSchema
                    {
                        Type = JsonSchemaType.Object,
                        Properties = new Dictionary<string, IOpenApiSchema>
                        {
                            ["file"] = binary,
                            ["qr"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The QR text or an SD-JWT VC presentation, instead of a file." },
                            ["nonce"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "For a presentation: the nonce from POST /api/v1/verify/nonce that its key binding JWT carries." },
                            ["treatmentDate"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                            ["lang"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "en, nl, fr or de: the language of the PDF." },
                        },
                    },
                },
            },
        };
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter { Name = "treatmentDate", In = ParameterLocation.Query, Description = "The treatment date, YYYY-MM-DD (default today).", Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" } });
        operation.Parameters.Add(new OpenApiParameter { Name = "nonce", In = ParameterLocation.Query, Description = "For a presentation sent as the body: the nonce from POST /api/v1/verify/nonce that its key binding JWT carries (single use).", Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        operation.Parameters.Add(new OpenApiParameter { Name = "lang", In = ParameterLocation.Query, Description = "The language of the export PDF: en, nl, fr or de (default: the issuing state's).", Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        var problem = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } };
        operation.Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "The verification export: of a QR document credentials:verification-export:1.0 (a list, credentials:verification-export-list:1.0, for several codes), or its PDF form; of a wallet presentation credentials:verification-export:2.0 (JSON only).",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            OneOf =
                            [
                                new OpenApiSchema { Type = JsonSchemaType.Object, Title = "credentials:verification-export:1.0", Description = "A QR document's report: specs/schemas/verification-export-1.0.schema.json" },
                                new OpenApiSchema { Type = JsonSchemaType.Object, Title = "credentials:verification-export-list:1.0", Description = "The reports of an input with several QR codes: specs/schemas/verification-export-list-1.0.schema.json" },
                                new OpenApiSchema { Type = JsonSchemaType.Object, Title = "credentials:verification-export:2.0", Description = "A wallet presentation's report: specs/schemas/verification-export-2.0.schema.json" },
                            ],
                        },
                    },
                    ["application/pdf"] = new() { Schema = binary },
                },
            },
            ["400"] = new OpenApiResponse { Description = "Nothing sent, both a file and a text, a bad treatment date or language, a presentation's nonce unknown or used (RFC 9457).", Content = problem },
            ["406"] = new OpenApiResponse { Description = "Neither JSON nor PDF is acceptable, or PDF asked for a presentation's report.", Content = problem },
            ["413"] = new OpenApiResponse { Description = "The input is larger than accepted.", Content = problem },
            ["415"] = new OpenApiResponse { Description = "A kind of input that is not verified here.", Content = problem },
            ["422"] = new OpenApiResponse { Description = "No QR code found, an unreadable file, the token instead of its QR code, too many codes.", Content = problem },
            ["429"] = new OpenApiResponse { Description = "Too many requests from this client (see Retry-After).", Content = problem },
        };
        return Task.CompletedTask;
    }

    /// <summary>The presentation nonce's answer: <c>{audience, nonce, expiresAt}</c>, built by hand in its handler.</summary>
    public static Task VerifyNonce(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        _ = context;
        _ = cancellationToken;
        operation.Description = "A wallet's key binding JWT for POST /api/v1/verify names this host's audience and carries this nonce; the nonce works once, until expiresAt. No request body.";
        operation.RequestBody = null;
        operation.Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "The audience (this host's identifier) and a fresh single-use nonce; Cache-Control: no-store.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new()
                    {
                        Schema = new OpenApiSchema
                        {
                            Type = JsonSchemaType.Object,
                            Required = new HashSet<string> { "audience", "nonce", "expiresAt" },
                            Properties = new Dictionary<string, IOpenApiSchema>
                            {
                                ["audience"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The key binding JWT's aud: this host's identifier (its public base URL without a trailing '/')." },
                                ["nonce"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The key binding JWT's nonce, and the nonce parameter of POST /api/v1/verify." },
                                ["expiresAt"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date-time", Description = "When the nonce stops working (UTC)." },
                            },
                        },
                    },
                },
            },
            ["429"] = new OpenApiResponse { Description = "Too many requests from this client (see Retry-After).", Content = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } } },
        };
        return Task.CompletedTask;
    }
}
