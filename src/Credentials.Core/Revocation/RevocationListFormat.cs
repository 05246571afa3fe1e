using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Credentials.Model;
using Credentials.Trust;
using Credentials.WireFormat;

namespace Credentials.Revocation;

/// <summary>
/// Revocation lists as compact JWS (specs/revocation-list.md): header <c>{"alg","kid","typ":"JWT"}</c> like the
/// ePRC's, payload <c>{"typ":"eessi-revocation-list","iss":"BE:0120","iat":…,"nextUpdate":…,"revoked":[{"jti":…,"at":…}]}</c>,
/// signed by a certificate the trust registry links to the issuing institution. The signature is always checked
/// before the payload is parsed.
/// </summary>
public static class RevocationListFormat
{
    /// <summary>The payload's <c>typ</c>, so a list cannot be passed off as another signed object of the same key (or the reverse).</summary>
    public const string PayloadType = "eessi-revocation-list";

    /// <summary>A list larger than this is refused before parsing.</summary>
    public const int MaxListBytes = 4 * 1024 * 1024;

    /// <summary>The longest token id accepted on a list.</summary>
    public const int MaxTokenIdLength = 256;

    private static readonly JsonSerializerOptions ReadOptions = new() { MaxDepth = 8 };

    /// <summary>The list as compact JWS signed by <paramref name="signer"/>, entries ordered by revocation time then token id, so the same list signs to the same bytes.</summary>
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
    /// A verifier's read: the list must be signed by a certificate the registry links to <paramref name="issuer"/>
    /// (the document's authentic source), and say so in its <c>iss</c>. The signature is checked before anything of
    /// the payload is read. Throws <see cref="RevocationListException"/> saying what is wrong.
    /// </summary>
    public static RevocationList Verify(string compactJws, ITrustRegistry registry, InstitutionId issuer)
    {
        ArgumentNullException.ThrowIfNull(compactJws);
        ArgumentNullException.ThrowIfNull(registry);
        using var jws = Split(compactJws);
        var header = ReadHeader(jws);
        var resolution = registry.Resolve(KeyReference.FromKeyId(header.KeyId), issuer);
        if (resolution.Outcome != KeyResolutionOutcome.Resolved)
        {
            throw new RevocationListException(RevocationListProblem.BadlySigned, RevocationMessages.UnknownSigner(header.KeyId.Thumbprint, issuer));
        }

        var key = resolution.Certificate!.GetVerificationKey(out var keyProblem);
        if (key is null || !key.Verify(jws, header.Algorithm))
        {
            throw new RevocationListException(RevocationListProblem.BadlySigned, RevocationMessages.SignatureInvalid(keyProblem));
        }

        return ReadPayload(jws.PayloadBytes, issuer);
    }

    /// <summary>
    /// The issuer's read, before it adds an entry and signs again: the list must be signed by
    /// <paramref name="certificate"/> (the issuer's own) and, when <paramref name="issuer"/> is given, issued for it. A
    /// list changed by anyone else is refused, so an entry removed behind the issuer's back is never silently un-revoked.
    /// </summary>
    public static RevocationList Open(string compactJws, X509Certificate2 certificate, InstitutionId? issuer = null)
    {
        ArgumentNullException.ThrowIfNull(compactJws);
        ArgumentNullException.ThrowIfNull(certificate);
        using var jws = Split(compactJws);
        var header = ReadHeader(jws);
        var expected = EessiKeyId.FromCertificate(certificate);
        if (header.KeyId != expected)
        {
            throw new RevocationListException(RevocationListProblem.BadlySigned, RevocationMessages.OtherSigner(header.KeyId.Thumbprint, expected.Thumbprint));
        }

        var key = JwsVerificationKey.FromCertificate(certificate, out var keyProblem);
        if (key is null || !key.Verify(jws, header.Algorithm))
        {
            throw new RevocationListException(RevocationListProblem.BadlySigned, RevocationMessages.Changed(keyProblem));
        }

        return ReadPayload(jws.PayloadBytes, issuer);
    }

    /// <summary>UTF-8 of a list file, bounded.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) =>
        bytes.Length > MaxListBytes
            ? throw new RevocationListException(RevocationListProblem.Malformed, RevocationMessages.TooLarge(bytes.Length, MaxListBytes))
            : System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : throw Malformed(RevocationMessages.NotUtf8());

    private static JwsCompact Split(string compactJws)
    {
        try
        {
            return JwsCompact.Parse(compactJws.Trim(), maxDepth: 8);
        }
        catch (WireFormatException e)
        {
            throw new RevocationListException(RevocationListProblem.Malformed, RevocationMessages.NotJws(e.Text));
        }
    }

    private static JwsHeader ReadHeader(JwsCompact jws)
    {
        var (header, findings) = JwsHeader.Read(jws.HeaderBytes);
        return header ?? throw new RevocationListException(RevocationListProblem.Malformed, RevocationMessages.BadHeader(findings.Select(f => f.Text)));
    }

    private static RevocationList ReadPayload(byte[] payload, InstitutionId? expectedIssuer)
    {
        ListMembers members;
        try
        {
            members = JsonSerializer.Deserialize(payload, RevocationListJsonContext.Default.ListMembers) ?? throw Malformed(RevocationMessages.PayloadNull());
        }
        catch (JsonException)
        {
            throw Malformed(RevocationMessages.Member());
        }

        if (members.Typ != PayloadType)
        {
            throw Malformed(RevocationMessages.Type(PayloadType));
        }

        if (!InstitutionId.TryParse(members.Iss, out var issuer, out var error))
        {
            throw Malformed(RevocationMessages.Issuer(error));
        }

        if (expectedIssuer is { } expected && issuer != expected)
        {
            throw new RevocationListException(RevocationListProblem.BadlySigned, RevocationMessages.OtherIssuer(issuer, expected));
        }

        var revoked = new Dictionary<string, DateTimeOffset>(StringComparer.Ordinal);
        foreach (var entry in members.Revoked ?? throw Malformed(RevocationMessages.RevokedMissing()))
        {
            if (string.IsNullOrWhiteSpace(entry.Jti) || entry.Jti.Length > MaxTokenIdLength)
            {
                throw Malformed(RevocationMessages.EntryTokenId());
            }

            revoked[entry.Jti] = ParseInstant(entry.At, "at");
        }

        return new RevocationList(issuer, ParseInstant(members.Iat, "iat"), ParseInstant(members.NextUpdate, "nextUpdate"), revoked);
    }

    private static DateTimeOffset ParseInstant(string? text, string name) =>
        IsoInstant.TryParse(text, out var instant) ? instant : throw Malformed(RevocationMessages.Instant(name));

    private static RevocationListException Malformed(Labels.MessageText what) => new(RevocationListProblem.Malformed, what);

    internal sealed record ListEntry([property: JsonPropertyName("jti")] string? Jti, [property: JsonPropertyName("at")] string? At);

    internal sealed record ListMembers(
        [property: JsonPropertyName("typ")] string? Typ,
        [property: JsonPropertyName("iss")] string? Iss,
        [property: JsonPropertyName("iat")] string? Iat,
        [property: JsonPropertyName("nextUpdate")] string? NextUpdate,
        [property: JsonPropertyName("revoked")] IReadOnlyList<ListEntry>? Revoked);
}

/// <summary>Source generation for the list's payload: duplicate members refused (RFC 7515 §5.2).</summary>
[JsonSourceGenerationOptions(AllowDuplicateProperties = false, MaxDepth = 8)]
[JsonSerializable(typeof(RevocationListFormat.ListMembers))]
internal sealed partial class RevocationListJsonContext : JsonSerializerContext;
