using System.Buffers;
using Microsoft.AspNetCore.Http;

namespace Credentials.Host.Verify;

/// <summary>
/// Reads what a verify request sends, asynchronously and within the size limit: a multipart form (a <c>file</c>, or
/// the QR text or a presentation as <c>qr</c>; <c>treatmentDate</c>, <c>lang</c>, <c>nonce</c>), or the raw body (QR text, an image, a PDF or
/// a presentation; the treatment date, language and nonce in the query). What the bytes are is decided from their content, not the Content-Type.
/// </summary>
internal static class VerifyRequestReader
{
    /// <summary>What was read: the input (null when nothing), the fields, and a problem when the request cannot be used.</summary>
    public sealed record Read(byte[]? Input, string? Source, string? TreatmentDate, string? Language, VerifyProblem? Problem, string? Detail)
    {
        /// <summary>The key-binding nonce the client was given for a presentation (form field or query <c>nonce</c>), if any.</summary>
        public string? Nonce { get; init; }
    }

    public static async Task<Read> ReadAsync(HttpRequest request, long maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            // Only a multipart form is a form: a raw body sent as application/x-www-form-urlencoded (curl's default) is the input itself.
            if (request.HasFormContentType && request.ContentType!.StartsWith("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var form = await request.ReadFormAsync(cancellationToken).ConfigureAwait(false);
                var file = form.Files.GetFile("file");
                var text = form["qr"].ToString();
                string? treatmentDate = form["treatmentDate"], language = form["lang"];
                var hasFile = file is { Length: > 0 };
                var hasText = !string.IsNullOrWhiteSpace(text);
                if (hasFile && hasText)
                {
                    return new Read(null, null, treatmentDate, language, VerifyProblem.TwoInputs, "give either the QR text (qr) or a file (file), not both.");
                }

                if (hasFile)
                {
                    if (file!.Length > maxBytes)
                    {
                        return new Read(null, "file", treatmentDate, language, VerifyProblem.TooLarge, $"the file is {file.Length} bytes, more than the {maxBytes} accepted.");
                    }

                    using var buffer = new MemoryStream((int)file.Length);
                    await using (var stream = file.OpenReadStream())
                    {
                        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
                    }

                    return new Read(buffer.ToArray(), "file", treatmentDate, language, null, null) { Nonce = form["nonce"] };
                }

                return new Read(hasText ? System.Text.Encoding.UTF8.GetBytes(text) : null, "qr", treatmentDate, language, null, null) { Nonce = form["nonce"] };
            }

            var query = request.Query;
            if (request.ContentLength > maxBytes)
            {
                return new Read(null, null, query["treatmentDate"], query["lang"], VerifyProblem.TooLarge, $"the request body is {request.ContentLength} bytes, more than the {maxBytes} accepted.");
            }

            // The body as the server's own buffers hold it, copied once when it is complete: no buffer of ours to
            // allocate and clear per request (a QR text is under 1 KB), and the limit checked as the bytes arrive.
            var body = request.BodyReader;
            while (true)
            {
                var result = await body.ReadAsync(cancellationToken).ConfigureAwait(false);
                var buffer = result.Buffer;
                if (buffer.Length > maxBytes)
                {
                    body.AdvanceTo(buffer.End);
                    return new Read(null, null, query["treatmentDate"], query["lang"], VerifyProblem.TooLarge, $"the request body is more than the {maxBytes} bytes accepted.");
                }

                if (result.IsCompleted)
                {
                    var input = buffer.Length > 0 ? buffer.ToArray() : null;
                    body.AdvanceTo(buffer.End);
                    return new Read(input, null, query["treatmentDate"], query["lang"], null, null) { Nonce = query["nonce"] };
                }

                // Nothing used yet: wait for more than what is there.
                body.AdvanceTo(buffer.Start, buffer.End);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return new Read(null, null, null, null, VerifyProblem.TooLarge, $"the request is more than the {maxBytes} bytes accepted.");
        }
        catch (BadHttpRequestException)
        {
            // Kestrel's other refusals of a body: it ended before its Content-Length, or a chunk was malformed. The
            // client may be gone; either way this is its problem, answered in one line, not an unhandled exception.
            return new Read(null, null, null, null, VerifyProblem.IncompleteBody, "the request body ended before the length it announced, or was not well formed.");
        }
        catch (InvalidDataException)
        {
            // The form reader's limits (a part, a value or the whole body too long) and a malformed multipart body.
            return new Read(null, null, null, null, VerifyProblem.TooLarge, $"the form is malformed or more than the {maxBytes} bytes accepted.");
        }
    }
}
