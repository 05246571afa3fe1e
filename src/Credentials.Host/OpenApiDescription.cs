using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Credentials.Host;

/// <summary>The OpenAPI description of the host's APIs (<c>/openapi/v1.json</c>): the verify API and the resolver.</summary>
internal static class OpenApiDescription
{
    public const string VerifyDescription =
        "Send the QR text (text/plain), a PNG or JPEG photo of the code, or the PDF of the document, as the body or as the multipart form field `file` (or `qr` for the text). " +
        "What the input is comes from its content. The answer is the verification export (schema credentials:verification-export:1.0), or its PDF form with `Accept: application/pdf`; " +
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
                ["text/plain"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The QR text (Base45)." } },
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
                            ["qr"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "The QR text, instead of a file." },
                            ["treatmentDate"] = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" },
                            ["lang"] = new OpenApiSchema { Type = JsonSchemaType.String, Description = "en, nl, fr or de: the language of the PDF." },
                        },
                    },
                },
            },
        };
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter { Name = "treatmentDate", In = ParameterLocation.Query, Description = "The treatment date, YYYY-MM-DD (default today).", Schema = new OpenApiSchema { Type = JsonSchemaType.String, Format = "date" } });
        operation.Parameters.Add(new OpenApiParameter { Name = "lang", In = ParameterLocation.Query, Description = "The language of the export PDF: en, nl, fr or de (default: the issuing state's).", Schema = new OpenApiSchema { Type = JsonSchemaType.String } });
        var problem = new Dictionary<string, OpenApiMediaType> { ["application/problem+json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object } } };
        operation.Responses = new OpenApiResponses
        {
            ["200"] = new OpenApiResponse
            {
                Description = "The verification export (credentials:verification-export:1.0; a list, credentials:verification-export-list:1.0, for several codes), or its PDF form.",
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = new OpenApiSchema { Type = JsonSchemaType.Object, Description = "specs/schemas/verification-export-1.0.schema.json" } },
                    ["application/pdf"] = new() { Schema = binary },
                },
            },
            ["400"] = new OpenApiResponse { Description = "Nothing sent, both a file and a text, a bad treatment date or language (RFC 9457).", Content = problem },
            ["406"] = new OpenApiResponse { Description = "Neither JSON nor PDF is acceptable.", Content = problem },
            ["413"] = new OpenApiResponse { Description = "The input is larger than accepted.", Content = problem },
            ["415"] = new OpenApiResponse { Description = "A kind of input that is not verified here.", Content = problem },
            ["422"] = new OpenApiResponse { Description = "No QR code found, an unreadable file, the token instead of its QR code, too many codes.", Content = problem },
            ["429"] = new OpenApiResponse { Description = "Too many requests from this client (see Retry-After).", Content = problem },
        };
        return Task.CompletedTask;
    }
}
