using System.Text;
using System.Text.Json;
using Credentials.Model;
using Credentials.Trust;
using Credentials.WireFormat;

namespace Credentials.Revocation;

/// <summary>
/// Revocation lists as compact JWS (specs/revocation-list.md): header <c>{"alg","kid","typ":"JWT"}</c> like the
/// ePRC's, payload <c>{"typ":"eessi-revocation-list","iss":"BE:0120","iat":…,"nextUpdate":…,"revoked":[{"jti":…,"at":…}]}</c>,
/// signed by a certificate the trust registry links to the issuing institution.
/// </summary>
public static class RevocationListFormat
{
    public const string PayloadType = "eessi-revocation-list";

    /// <summary>A list larger than this is refused before parsing.</summary>
    public const int MaxListBytes = 4 * 1024 * 1024;

    public static string Sign(RevocationList list, JwsSigner signer)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(signer);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("typ", PayloadType);
            writer.WriteString("iss", list.Issuer.ToString());
            writer.WriteString("iat", IsoInstant.Format(list.IssuedAt));
            writer.WriteString("nextUpdate", IsoInstant.Format(list.NextUpdate));
            writer.WriteStartArray("revoked");
            foreach (var (jti, at) in list.Revoked.OrderBy(r => r.Value).ThenBy(r => r.Key, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("jti", jti);
                writer.WriteString("at", IsoInstant.Format(at));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        return signer.Sign(buffer.ToArray());
    }

    /// <summary>
    /// Reads a list and checks its signature against the registry: the certificate named by its kid must be
    /// linked to the institution in <c>iss</c>. Throws <see cref="RevocationListException"/> saying what is wrong.
    /// </summary>
    public static RevocationList Verify(string compactJws, ITrustRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(compactJws);
        ArgumentNullException.ThrowIfNull(registry);
        JwsCompact jws;
        try
        {
            jws = JwsCompact.Parse(compactJws.Trim());
        }
        catch (WireFormatException e)
        {
            throw new RevocationListException(RevocationListProblem.Malformed, $"the revocation list is not a JWS: {e.Message}");
        }

        using (jws)
        {
            var (header, headerFindings) = JwsHeader.Read(jws.HeaderBytes);
            if (header is null)
            {
                throw new RevocationListException(RevocationListProblem.Malformed, $"the revocation list's header is not acceptable: {string.Join("; ", headerFindings.Select(f => f.Message))}");
            }

            var list = ReadPayload(jws.Payload.RootElement);
            var resolution = registry.Resolve(header.KeyId, list.Issuer);
            if (resolution.Outcome != KeyResolutionOutcome.Resolved)
            {
                throw new RevocationListException(RevocationListProblem.BadlySigned, $"the revocation list is signed by certificate {header.KeyId.Thumbprint}, which the trust registry does not link to {list.Issuer}.");
            }

            var key = resolution.Certificate!.GetVerificationKey(out var keyProblem);
            if (key is null || !key.Verify(jws, header.Algorithm))
            {
                throw new RevocationListException(RevocationListProblem.BadlySigned, $"the revocation list's signature does not verify{(keyProblem is null ? string.Empty : ": " + keyProblem)}.");
            }

            return list;
        }
    }

    /// <summary>
    /// Reads a list without checking its signature: for the issuer, who re-signs it with a new entry. A verifier
    /// must use <see cref="Verify"/>.
    /// </summary>
    public static RevocationList ReadUnverified(string compactJws)
    {
        ArgumentNullException.ThrowIfNull(compactJws);
        try
        {
            using var jws = JwsCompact.Parse(compactJws.Trim());
            return ReadPayload(jws.Payload.RootElement);
        }
        catch (WireFormatException e)
        {
            throw new RevocationListException(RevocationListProblem.Malformed, $"the revocation list is not a JWS: {e.Message}");
        }
    }

    private static RevocationList ReadPayload(JsonElement payload)
    {
        try
        {
            if (payload.GetProperty("typ").GetString() != PayloadType)
            {
                throw Malformed("its typ is not " + PayloadType);
            }

            if (!InstitutionId.TryParse(payload.GetProperty("iss").GetString(), out var issuer, out var error))
            {
                throw Malformed("iss: " + error);
            }

            var revoked = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
            foreach (var entry in payload.GetProperty("revoked").EnumerateArray())
            {
                var jti = entry.GetProperty("jti").GetString() ?? throw Malformed("a revoked entry has no jti");
                revoked[jti] = ParseInstant(entry.GetProperty("at"));
            }

            return new RevocationList(issuer, ParseInstant(payload.GetProperty("iat")), ParseInstant(payload.GetProperty("nextUpdate")), revoked);
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException && e is not RevocationListException)
        {
            throw Malformed("a member is missing or of the wrong type");
        }
    }

    private static DateTimeOffset ParseInstant(JsonElement element) =>
        IsoInstant.TryParse(element.GetString(), out var instant) ? instant : throw Malformed("a date-time is not ISO 8601");

    private static RevocationListException Malformed(string what) => new(RevocationListProblem.Malformed, $"the revocation list is malformed: {what}.");

    /// <summary>UTF-8 of a list file, bounded.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) =>
        bytes.Length > MaxListBytes
            ? throw new RevocationListException(RevocationListProblem.Malformed, $"the revocation list is {bytes.Length} bytes, more than the {MaxListBytes} accepted.")
            : Encoding.UTF8.GetString(bytes);
}
