using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// Snapshots as compact JWS signed by the registry operator: header like the ePRC's, payload
/// <c>{"typ":"credentials-trust-snapshot","seq":N,"iat":…,"nextUpdate":…,"registry":{"issuers":[…]}}</c>,
/// the registry in the resolver's shape. A verifier pins the operator's certificate and the highest sequence
/// number it has accepted: a snapshot signed by anyone else, or older than the one it holds, is refused.
/// </summary>
public static class TrustSnapshotFormat
{
    /// <summary>The payload's <c>typ</c>, so a snapshot cannot be passed off as another object signed by the operator.</summary>
    public const string PayloadType = "credentials-trust-snapshot";

    /// <summary>Snapshots larger than this are refused before parsing.</summary>
    public const long MaxSnapshotBytes = ResolverListFormat.MaxDocumentBytes;

    /// <summary>The registry as a snapshot signed by the operator: <paramref name="sequence"/> (at least 1, higher than every earlier one, for rollback protection), when it was issued and when verifiers must replace it.</summary>
    public static string Sign(IEnumerable<RegistryIssuer> issuers, long sequence, DateTimeOffset issuedAt, DateTimeOffset nextUpdate, JwsSigner operatorSigner)
    {
        ArgumentNullException.ThrowIfNull(operatorSigner);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(sequence);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("typ", PayloadType);
            writer.WriteNumber("seq", sequence);
            writer.WriteString("iat", IsoInstant.Format(issuedAt));
            writer.WriteString("nextUpdate", IsoInstant.Format(nextUpdate));
            writer.WritePropertyName("registry");
            ResolverListFormat.Write(writer, issuers, ResolverListFormat.CertificateText.Base64Der);
            writer.WriteEndObject();
        }

        return operatorSigner.Sign(buffer.ToArray());
    }

    /// <summary>
    /// Opens a snapshot with rollback protection: signed by <paramref name="operatorCertificate"/>, its sequence not
    /// lower than the highest <paramref name="state"/> holds for that operator, which then records it.
    /// </summary>
    public static TrustSnapshot Open(byte[] file, X509Certificate2 operatorCertificate, ITrustStateStore state)
    {
        ArgumentNullException.ThrowIfNull(operatorCertificate);
        ArgumentNullException.ThrowIfNull(state);
        var thumbprint = EessiKeyId.ComputeThumbprint(operatorCertificate);
        var snapshot = Open(file, operatorCertificate, state.HighestAccepted(thumbprint));
        state.Accept(thumbprint, snapshot.Sequence);
        return snapshot;
    }

    /// <summary>Opens a snapshot given as text; see <see cref="Open(byte[], X509Certificate2, long?)"/>.</summary>
    public static TrustSnapshot Open(string compactJws, X509Certificate2 operatorCertificate, long? highestAccepted)
    {
        ArgumentNullException.ThrowIfNull(compactJws);
        return Open(Encoding.UTF8.GetBytes(compactJws), operatorCertificate, highestAccepted);
    }

    /// <summary>
    /// Opens a snapshot file's bytes: it must be signed by <paramref name="operatorCertificate"/> and its sequence
    /// number must not be lower than <paramref name="highestAccepted"/>. Throws <see cref="TrustSnapshotException"/>
    /// otherwise. The signature is checked over the file's own bytes before the payload is read.
    /// </summary>
    public static TrustSnapshot Open(byte[] file, X509Certificate2 operatorCertificate, long? highestAccepted)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(operatorCertificate);
        if (file.Length > MaxSnapshotBytes)
        {
            throw new TrustSnapshotException(TrustSnapshotProblem.Malformed, $"the snapshot is {file.Length} bytes, more than the {MaxSnapshotBytes} accepted.");
        }

        // A file may end with a line break; the JWS is what lies between the white space.
        var offset = file.Length - file.AsSpan().TrimStart(" \t\r\n"u8).Length;
        var text = file.AsSpan(offset).TrimEnd(" \t\r\n"u8);
        int firstDot, secondDot;
        try
        {
            (firstDot, secondDot) = JwsCompact.Split(text);
        }
        catch (WireFormatException e)
        {
            throw NotJws(e);
        }

        // Verify, then parse: nothing of the payload is read unless the operator's signature holds over the file's
        // own bytes, so a forged snapshot is reported as badly signed whatever else is wrong with it.
        CheckSignature(file, offset, firstDot, secondDot, text.Length, operatorCertificate);
        var snapshot = ReadPayload(file.AsSpan(offset + firstDot + 1, secondDot - firstDot - 1), highestAccepted);
        return snapshot;
    }

    private static TrustSnapshotException NotJws(WireFormatException e) => new(TrustSnapshotProblem.Malformed, $"the snapshot is not a JWS: {e.Message}");

    private static void CheckSignature(byte[] file, int offset, int firstDot, int secondDot, int length, X509Certificate2 operatorCertificate)
    {
        var text = file.AsSpan(offset, length);
        JwsHeader? header;
        IReadOnlyList<Finding> findings;
        try
        {
            (header, findings) = JwsHeader.Read(JwsCompact.DecodePart(text[..firstDot], JwsPart.Header));
        }
        catch (WireFormatException e)
        {
            throw NotJws(e);
        }

        var expectedKid = EessiKeyId.FromCertificate(operatorCertificate);
        if (header is null || header.KeyId != expectedKid)
        {
            throw new TrustSnapshotException(TrustSnapshotProblem.BadlySigned, header is null
                ? $"the snapshot's header is not acceptable: {string.Join("; ", findings.Select(f => f.Message))}"
                : $"the snapshot is signed by certificate {header.KeyId.Thumbprint}, not by the registry operator's ({expectedKid.Thumbprint}).");
        }

        byte[] signature;
        try
        {
            signature = JwsCompact.DecodePart(text[(secondDot + 1)..], JwsPart.Signature);
        }
        catch (WireFormatException e)
        {
            throw NotJws(e);
        }

        var key = JwsVerificationKey.FromCertificate(operatorCertificate, out var problem);
        if (key is null || !key.Verify(file, offset, secondDot, signature, header.Algorithm))
        {
            throw new TrustSnapshotException(TrustSnapshotProblem.BadlySigned, $"the snapshot's signature does not verify with the registry operator's certificate{(problem is null ? string.Empty : ": " + problem)}.");
        }
    }

    /// <summary>The signed payload, read in one pass: <c>typ</c>, <c>seq</c>, <c>iat</c>, <c>nextUpdate</c>, <c>registry</c>.</summary>
    private static TrustSnapshot ReadPayload(ReadOnlySpan<byte> encodedPayload, long? highestAccepted)
    {
        byte[] payload;
        try
        {
            payload = JwsCompact.DecodePart(encodedPayload, JwsPart.Payload);
        }
        catch (WireFormatException e)
        {
            throw NotJws(e);
        }

        if (!System.Text.Unicode.Utf8.IsValid(payload))
        {
            throw Malformed("the payload is not valid UTF-8.");
        }

        string? type = null;
        long? sequence = null;
        DateTimeOffset? issuedAt = null, nextUpdate = null;
        List<RegistryIssuer>? issuers = null;
        var reader = new Utf8JsonReader(payload, new JsonReaderOptions { MaxDepth = ResolverListReader.MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw Malformed("the payload is not a JSON object.");
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("typ"u8))
                {
                    type = reader.Read() && reader.TokenType == JsonTokenType.String ? reader.GetString() : throw Malformed("'typ' is not a string.");
                }
                else if (reader.ValueTextEquals("seq"u8))
                {
                    sequence = reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var number) ? number : throw Malformed("'seq' is not an integer.");
                }
                else if (reader.ValueTextEquals("iat"u8))
                {
                    issuedAt = ReadInstant(ref reader, "iat");
                }
                else if (reader.ValueTextEquals("nextUpdate"u8))
                {
                    nextUpdate = ReadInstant(ref reader, "nextUpdate");
                }
                else if (reader.ValueTextEquals("registry"u8))
                {
                    issuers = reader.Read() && reader.TokenType == JsonTokenType.StartObject
                        ? new ResolverListReader().ReadRegistry(ref reader)
                        : throw Malformed("'registry' is not an object.");
                }
                else
                {
                    reader.Skip();
                }
            }
        }
        catch (JsonException e)
        {
            throw Malformed($"the payload is not valid JSON: {JsonErrors.Position(e)}.");
        }
        catch (TrustRegistryFormatException e)
        {
            throw new TrustSnapshotException(TrustSnapshotProblem.Malformed, $"the snapshot's registry does not read: {e.Message}");
        }

        if (type != PayloadType)
        {
            throw Malformed($"the signed document is not a trust snapshot (typ is not {PayloadType}).");
        }

        var held = sequence ?? throw Malformed("'seq' is missing.");
        if (highestAccepted is { } highest && held < highest)
        {
            throw new TrustSnapshotException(TrustSnapshotProblem.Rollback, $"the snapshot has sequence number {held}, lower than the {highest} already accepted: an older snapshot is refused.");
        }

        var at = issuedAt ?? throw Malformed("'iat' is missing.");
        var due = nextUpdate ?? throw Malformed("'nextUpdate' is missing.");
        return new TrustSnapshot(held, at, due, new TrustRegistry(issuers ?? throw Malformed("'registry' is missing."), at) { NextUpdate = due });
    }

    private static DateTimeOffset ReadInstant(ref Utf8JsonReader reader, string name) =>
        reader.Read() && reader.TokenType == JsonTokenType.String && IsoInstant.TryParse(reader.GetString(), out var instant)
            ? instant
            : throw Malformed($"'{name}' is not an ISO 8601 date-time.");

    private static TrustSnapshotException Malformed(string problem) => new(TrustSnapshotProblem.Malformed, $"the snapshot is malformed: {problem}");

    /// <summary>Whether a file's first bytes look like a compact JWS (a base64url JSON header, "eyJ").</summary>
    public static bool LooksLikeSnapshot(ReadOnlySpan<byte> start) => start.StartsWith("eyJ"u8);
}
