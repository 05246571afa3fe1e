using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
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
    public const string PayloadType = "credentials-trust-snapshot";

    /// <summary>Snapshots larger than this are refused before parsing.</summary>
    public const long MaxSnapshotBytes = ResolverListFormat.MaxDocumentBytes;

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
            writer.WriteRawValue(ResolverListFormat.WriteToString(issuers));
            writer.WriteEndObject();
        }

        return operatorSigner.Sign(buffer.ToArray());
    }

    /// <summary>
    /// Opens a snapshot: it must be signed by <paramref name="operatorCertificate"/> and its sequence number must not
    /// be lower than <paramref name="highestAccepted"/>. Throws <see cref="TrustSnapshotException"/> otherwise.
    /// </summary>
    public static TrustSnapshot Open(string compactJws, X509Certificate2 operatorCertificate, long? highestAccepted)
    {
        ArgumentNullException.ThrowIfNull(compactJws);
        ArgumentNullException.ThrowIfNull(operatorCertificate);
        JwsCompact jws;
        try
        {
            // The registry nests issuers, certificates and periods inside the payload: allow the depth it needs.
            jws = JwsCompact.Parse(compactJws.Trim(), maxDepth: 8);
        }
        catch (WireFormatException e)
        {
            throw new TrustSnapshotException(TrustSnapshotProblem.Malformed, $"the snapshot is not a JWS: {e.Message}");
        }

        using (jws)
        {
            var (header, findings) = JwsHeader.Read(jws.Header.RootElement);
            var expectedKid = EessiKeyId.FromCertificate(operatorCertificate);
            if (header is null || header.KeyId != expectedKid)
            {
                throw new TrustSnapshotException(TrustSnapshotProblem.BadlySigned, header is null
                    ? $"the snapshot's header is not acceptable: {string.Join("; ", findings.Select(f => f.Message))}"
                    : $"the snapshot is signed by certificate {header.KeyId.Thumbprint}, not by the registry operator's ({expectedKid.Thumbprint}).");
            }

            var key = JwsVerificationKey.FromCertificate(operatorCertificate, out var problem);
            if (key is null || !key.Verify(jws, header.Algorithm))
            {
                throw new TrustSnapshotException(TrustSnapshotProblem.BadlySigned, $"the snapshot's signature does not verify with the registry operator's certificate{(problem is null ? string.Empty : ": " + problem)}.");
            }

            var payload = jws.Payload.RootElement;
            try
            {
                if (payload.GetProperty("typ").GetString() != PayloadType)
                {
                    throw new TrustSnapshotException(TrustSnapshotProblem.Malformed, $"the signed document is not a trust snapshot (typ is not {PayloadType}).");
                }

                var sequence = payload.GetProperty("seq").GetInt64();
                if (highestAccepted is { } held && sequence < held)
                {
                    throw new TrustSnapshotException(TrustSnapshotProblem.Rollback, $"the snapshot has sequence number {sequence}, lower than the {held} already accepted: an older snapshot is refused.");
                }

                var issuedAt = ParseInstant(payload.GetProperty("iat"));
                var issuers = ResolverListFormat.Read(payload.GetProperty("registry"));
                return new TrustSnapshot(sequence, issuedAt, ParseInstant(payload.GetProperty("nextUpdate")), new TrustRegistry(issuers, issuedAt));
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException && e is not TrustRegistryFormatException)
            {
                throw new TrustSnapshotException(TrustSnapshotProblem.Malformed, "the snapshot is malformed: a member is missing or of the wrong type.");
            }
            catch (TrustRegistryFormatException e)
            {
                throw new TrustSnapshotException(TrustSnapshotProblem.Malformed, $"the snapshot's registry does not read: {e.Message}");
            }
        }
    }

    /// <summary>Whether a file's first bytes look like a compact JWS (a base64url JSON header, "eyJ").</summary>
    public static bool LooksLikeSnapshot(ReadOnlySpan<byte> start) => start.StartsWith("eyJ"u8);

    private static DateTimeOffset ParseInstant(JsonElement element) =>
        IsoInstant.TryParse(element.GetString(), out var instant) ? instant : throw new FormatException("not an ISO 8601 date-time");

    /// <summary>UTF-8 of a snapshot file, bounded.</summary>
    public static string Decode(ReadOnlySpan<byte> bytes) =>
        bytes.Length > MaxSnapshotBytes
            ? throw new TrustSnapshotException(TrustSnapshotProblem.Malformed, $"the snapshot is {bytes.Length} bytes, more than the {MaxSnapshotBytes} accepted.")
            : Encoding.UTF8.GetString(bytes);
}
