using System.Text.Encodings.Web;
using System.Text.Json;
using Credentials.WireFormat.QrPayload;

namespace Credentials.WireFormat;

/// <summary>Writes a QR token's payload as compact UTF-8 JSON (System.Text.Json, source-generated), members in the schema's order.</summary>
public static class QrPayloadWriter
{
    // Names and places are written as UTF-8, not \u escapes (RFC 8259 §8.1): the QR stays small.
    private static readonly PayloadJsonContext Context = new(new JsonSerializerOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    /// <summary>The payload's UTF-8 JSON: <c>sid</c>, <c>jti</c>, <c>rid</c> and the document's member (<c>prc</c>, <c>ehic</c> or <c>isi</c>), without white space or needless escapes, so the QR stays small.</summary>
    public static byte[] Write(QrTokenPayload payload)
    {
        ArgumentNullException.ThrowIfNull(payload);
        var members = new PayloadMembers
        {
            SchemaId = JsonLeaf.Of(payload.SchemaId),
            TokenId = JsonLeaf.OfOptional(payload.TokenId),
            RevocationList = JsonLeaf.OfOptional(payload.RevocationList?.OriginalString),
        };
        payload.Document.Match<object?>(
            prc => members.Prc = PrcProfile.Write(prc),
            ehic => members.Ehic = EhicProfile.Write(ehic),
            isi => members.Isi = IsiProfile.Write(isi));
        return JsonSerializer.SerializeToUtf8Bytes(members, Context.PayloadMembers);
    }
}
