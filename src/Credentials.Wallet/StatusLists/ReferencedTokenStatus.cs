using System.Formats.Cbor;
using System.Text.Json;
using Credentials.Status;

namespace Credentials.Wallet.StatusLists;

/// <summary>
/// Reads a credential's <c>status</c> claim (draft-ietf-oauth-status-list-21 §6): the <c>status_list</c>
/// <c>{idx, uri}</c> that says where the credential's status is published, as the core's <see cref="StatusListEntry"/>.
/// </summary>
public static class ReferencedTokenStatus
{
    /// <summary>
    /// §6.2: the value of a JOSE credential's <c>status</c> claim (a JSON object). Null when it names no
    /// <c>status_list</c> (another status mechanism, §6.1); throws <see cref="StatusListFormatException"/> when it is malformed.
    /// </summary>
    public static StatusListEntry? FromJson(JsonElement status)
    {
        if (status.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("the status claim is not a JSON object (§6.2)");
        }

        if (!status.TryGetProperty("status_list", out var statusList))
        {
            return null;
        }

        if (statusList.ValueKind != JsonValueKind.Object)
        {
            throw Malformed("status.status_list is not a JSON object (§6.2)");
        }

        // §6.2: idx "MUST specify a non-negative Integer"; uri "MUST be a URI conforming to RFC 3986".
        var index = statusList.TryGetProperty("idx", out var idx) && idx.ValueKind == JsonValueKind.Number && idx.TryGetInt64(out var i) && i >= 0
            ? i
            : throw Malformed("status.status_list.idx is missing or not a non-negative integer (§6.2)");
        return new StatusListEntry(ReadUri(statusList.TryGetProperty("uri", out var uri) && uri.ValueKind == JsonValueKind.String ? uri.GetString() : null), index);
    }

    /// <summary>
    /// §6.3: a COSE credential's <c>Status</c> CBOR map (the CWT's claim 65535, or an mdoc MSO's <c>status</c>), encoded.
    /// Null when it names no <c>status_list</c>; throws <see cref="StatusListFormatException"/> when it is malformed.
    /// </summary>
    public static StatusListEntry? FromCbor(ReadOnlyMemory<byte> encodedStatus)
    {
        try
        {
            var reader = new CborReader(encodedStatus, CborConformanceMode.Strict);
            StatusListEntry? entry = null;
            var count = reader.ReadStartMap();
            for (var n = 0; count is null ? reader.PeekState() != CborReaderState.EndMap : n < count; n++)
            {
                // §6.3: "the key MUST be a CBOR text string (major type 3) specifying the identifier of the status mechanism".
                if (reader.ReadTextString() != "status_list")
                {
                    reader.SkipValue();
                    continue;
                }

                long? index = null;
                string? uri = null;
                var members = reader.ReadStartMap();
                for (var m = 0; members is null ? reader.PeekState() != CborReaderState.EndMap : m < members; m++)
                {
                    switch (reader.PeekState() == CborReaderState.TextString ? reader.ReadTextString() : null)
                    {
                        case "idx":
                            // §6.3: "idx: REQUIRED. Unsigned integer (major type 0)."
                            index = reader.PeekState() == CborReaderState.UnsignedInteger ? checked((long)reader.ReadUInt64()) : throw Malformed("status_list idx is not an unsigned integer (§6.3)");
                            break;
                        case "uri":
                            uri = reader.ReadTextString();
                            break;
                        case null:
                            reader.SkipValue();
                            reader.SkipValue();
                            break;
                        default:
                            reader.SkipValue();
                            break;
                    }
                }

                reader.ReadEndMap();
                entry = new StatusListEntry(ReadUri(uri), index ?? throw Malformed("status_list idx is missing (§6.3)"));
            }

            reader.ReadEndMap();
            return reader.BytesRemaining == 0 ? entry : throw Malformed("bytes follow the status map");
        }
        catch (Exception e) when (e is CborContentException or InvalidOperationException or OverflowException or FormatException)
        {
            throw Malformed("the status claim is not the CBOR Status map of §6.3");
        }
    }

    private static Uri ReadUri(string? uri) =>
        Uri.TryCreate(uri, UriKind.Absolute, out var address) ? address : throw Malformed("status_list uri is missing or not an absolute URI (§6.2, §6.3)");

    private static StatusListFormatException Malformed(string what) => new(StatusUnknownCause.Malformed, $"the credential's status claim is malformed: {what}.");
}
