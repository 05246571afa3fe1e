using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Credentials.Host;

/// <summary>The OpenAPI description of the host's APIs (<c>/openapi/v1.json</c>): the verify API and the resolver.</summary>
internal static class OpenApiDescription
{
    public const string VerifyDescription =
        "Send the QR text (text/plain), a PNG or JPEG photo of the code, or the PDF of the document, as the body or as the multipart form field `file` (or `qr` for the text). " +
        "What the input is comes from its content. The answer is the verification export (schema credentials:verification-export:1.0), or its PDF form with `Accept: application/pdf`; " +
        "an input with several QR codes gives an array of exports. A rejected document is a 200 with conclusion Rejected. Input that gives nothing to verify is an RFC 9457 problem.";

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
        _ = context;
        _ = cancellationToken;
        return Task.CompletedTask;
    }
}
