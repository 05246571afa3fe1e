using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// Reads the resolver's list (specs/trust-registry.md) in one forward pass over its UTF-8 with a
/// <see cref="Utf8JsonReader"/>: no document tree and no intermediate strings for certificates, so a
/// registry of 150,000 certificates loads in a fraction of a second (tests/Credentials.Benchmarks).
/// Members may come in any order; unknown members are skipped (the EC may add some); a member given twice
/// is refused, since which of the two a reader takes would be a guess.
/// </summary>
internal sealed class ResolverListReader
{
    /// <summary>issuers[] → certificates[] → one certificate: three levels below the root, plus a snapshot's wrapper.</summary>
    public const int MaxDepth = 8;

    // A certificate that signs for many institutions is parsed once; each link keeps its own validity
    // (one institution's link may be withdrawn while another's holds), so links with equal validity share.
    private readonly Dictionary<(CertificateDigest Digest, DateTimeOffset? From, DateTimeOffset? Until), TrustedCertificate> certificates = [];
    private readonly Dictionary<AccreditationPeriod, AccreditationPeriod> periods = [];
    private readonly List<TrustedCertificate> certificateScratch = [];
    private readonly List<AccreditationPeriod> periodScratch = [];
    private byte[] unescaped = new byte[4096];

    // Certificates' DER is decoded into shared slabs rather than one small array each: 150,000 certificates are
    // then a few dozen large objects that the garbage collector never copies, not 150,000 it must promote.
    private const int SlabSize = 1 << 20;
    private byte[] slab = [];
    private int slabUsed;

    // The x5t#S256 a certificate states, kept as UTF-8 until its certificate has been read (members come in any order).
    private readonly byte[] statedThumbprint = new byte[64];

    /// <summary>Reads a whole document <c>{"issuers":[…]}</c>.</summary>
    public static List<RegistryIssuer> ReadDocument(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions { MaxDepth = MaxDepth });
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw NotARegistry();
            }

            var issuers = new ResolverListReader().ReadRegistry(ref reader);
            reader.Read(); // throws on anything but white space after the document
            return issuers;
        }
        catch (JsonException e)
        {
            throw new TrustRegistryFormatException($"the registry is not valid JSON: {WireFormat.JsonErrors.Position(e)}.");
        }
    }

    /// <summary>Reads the registry object the reader stands on (its start), leaving the reader on its end.</summary>
    public List<RegistryIssuer> ReadRegistry(ref Utf8JsonReader reader)
    {
        List<RegistryIssuer>? issuers = null;
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (!reader.ValueTextEquals("issuers"u8))
            {
                reader.Skip();
                continue;
            }

            if (issuers is not null)
            {
                throw new TrustRegistryFormatException("the member 'issuers' is given twice.");
            }

            if (Next(ref reader) != JsonTokenType.StartArray)
            {
                throw NotARegistry();
            }

            issuers = [];
            while (Next(ref reader) != JsonTokenType.EndArray)
            {
                issuers.Add(ReadIssuer(ref reader, issuers.Count));
            }
        }

        return issuers ?? throw NotARegistry();
    }

    private RegistryIssuer ReadIssuer(ref Utf8JsonReader reader, int index)
    {
        var path = new Place(index);
        ExpectObject(ref reader, path);
        string? countryCode = null, officialId = null, name = null;
        TrustedCertificate[]? certificateList = null;
        AccreditationPeriod[]? periodList = null;
        var seen = new SeenMembers(path);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (seen.Check(ref reader, "countryCode"u8, 0))
            {
                countryCode = ReadString(ref reader, path, "countryCode");
            }
            else if (seen.Check(ref reader, "officialID"u8, 1))
            {
                officialId = ReadString(ref reader, path, "officialID");
            }
            else if (seen.Check(ref reader, "name"u8, 2))
            {
                name = ReadString(ref reader, path, "name");
            }
            else if (seen.Check(ref reader, "certificates"u8, 3))
            {
                certificateScratch.Clear();
                for (var more = StartArray(ref reader, path, "certificates"); more && Next(ref reader) != JsonTokenType.EndArray;)
                {
                    certificateScratch.Add(ReadCertificate(ref reader, path.Child("certificates", certificateScratch.Count)));
                }

                certificateList = [.. certificateScratch];
            }
            else if (seen.Check(ref reader, "accreditationPeriods"u8, 4))
            {
                periodScratch.Clear();
                for (var more = StartArray(ref reader, path, "accreditationPeriods"); more && Next(ref reader) != JsonTokenType.EndArray;)
                {
                    periodScratch.Add(ReadPeriod(ref reader, path.Child("accreditationPeriods", periodScratch.Count)));
                }

                periodList = [.. periodScratch];
            }
            else
            {
                reader.Skip();
            }
        }

        if (countryCode is null)
        {
            throw Required(path, "countryCode");
        }

        if (!IssuingCountry.TryParse(countryCode, out var country, out _))
        {
            throw new TrustRegistryFormatException($"{path}.countryCode: '{countryCode}' is not an issuing country of the ePRC schema.");
        }

        if (!InstitutionId.TryCreate(country, officialId ?? throw Required(path, "officialID"), out var id, out var idError))
        {
            throw new TrustRegistryFormatException($"{path}.officialID: {idError}");
        }

        return new RegistryIssuer(id, name ?? string.Empty, certificateList ?? [], periodList ?? []);
    }

    private TrustedCertificate ReadCertificate(ref Utf8JsonReader reader, Place path)
    {
        ExpectObject(ref reader, path);
        ReadOnlyMemory<byte>? der = null;
        var statedLength = -1;
        DateTimeOffset? validFrom = null, validUntil = null;
        var seen = new SeenMembers(path);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (seen.Check(ref reader, "certificatePEM"u8, 0))
            {
                der = ReadCertificateDer(ref reader, path);
            }
            else if (seen.Check(ref reader, "validFrom"u8, 1))
            {
                validFrom = ReadInstant(ref reader, path, "validFrom");
            }
            else if (seen.Check(ref reader, "validUntil"u8, 2))
            {
                validUntil = ReadInstant(ref reader, path, "validUntil");
            }
            else if (seen.Check(ref reader, "x5t#S256"u8, 3))
            {
                statedLength = ReadStatedThumbprint(ref reader, path);
            }
            else
            {
                reader.Skip();
            }
        }

        TrustedCertificate trusted;
        try
        {
            trusted = TrustedCertificate.FromDer(der ?? throw Required(path, "certificatePEM"), validFrom, validUntil);
        }
        catch (CryptographicException)
        {
            throw new TrustRegistryFormatException($"{path}.certificatePEM: not a certificate in PEM or base64 DER.");
        }

        if (statedLength >= 0 && !trusted.Digest.IsThumbprint(statedThumbprint.AsSpan(0, statedLength)))
        {
            throw new TrustRegistryFormatException($"{path}.x5t#S256: '{Encoding.UTF8.GetString(statedThumbprint, 0, statedLength)}' is not the SHA-256 thumbprint of the certificate given ({trusted.Thumbprint}).");
        }

        if (certificates.TryGetValue((trusted.Digest, validFrom, validUntil), out var known))
        {
            return known;
        }

        certificates[(trusted.Digest, validFrom, validUntil)] = trusted;
        return trusted;
    }

    private AccreditationPeriod ReadPeriod(ref Utf8JsonReader reader, Place path)
    {
        ExpectObject(ref reader, path);
        string? document = null;
        DateTimeOffset? from = null, until = null;
        var seen = new SeenMembers(path);
        while (Next(ref reader) == JsonTokenType.PropertyName)
        {
            if (seen.Check(ref reader, "portableDocument"u8, 0))
            {
                document = Next(ref reader) == JsonTokenType.String && reader.ValueTextEquals(AccreditationPeriod.Ehic) ? AccreditationPeriod.Ehic : ReadString(ref reader, path, "portableDocument", alreadyRead: true);
            }
            else if (seen.Check(ref reader, "validFrom"u8, 1))
            {
                from = ReadInstant(ref reader, path, "validFrom");
            }
            else if (seen.Check(ref reader, "validUntil"u8, 2))
            {
                until = ReadInstant(ref reader, path, "validUntil");
            }
            else
            {
                reader.Skip();
            }
        }

        if (document is null)
        {
            throw Required(path, "portableDocument");
        }

        var start = from ?? throw Required(path, "validFrom");
        var period = new AccreditationPeriod(document, DateOnly.FromDateTime(start.UtcDateTime), until is { } u ? DateOnly.FromDateTime(u.UtcDateTime) : null);

        // Many institutions share the same period (all accredited on the same day): keep one of each.
        if (periods.TryGetValue(period, out var known))
        {
            return known;
        }

        periods[period] = period;
        return period;
    }

    /// <summary>Keeps a stated thumbprint's UTF-8 (one too long to be a thumbprint is cut, and so still differs); -1 for null.</summary>
    private int ReadStatedThumbprint(ref Utf8JsonReader reader, Place path)
    {
        var token = Next(ref reader);
        if (token == JsonTokenType.Null)
        {
            return -1;
        }

        if (token != JsonTokenType.String)
        {
            throw new TrustRegistryFormatException($"{path}.x5t#S256: expected a string.");
        }

        var text = StringBytes(ref reader);
        var length = Math.Min(text.Length, statedThumbprint.Length);
        text[..length].CopyTo(statedThumbprint);
        return length;
    }

    /// <summary>The DER of a certificate given as PEM, or as the base64 of the DER, as resolvers differ in what they send.</summary>
    private ReadOnlyMemory<byte> ReadCertificateDer(ref Utf8JsonReader reader, Place path)
    {
        if (Next(ref reader) != JsonTokenType.String)
        {
            throw new TrustRegistryFormatException($"{path}.certificatePEM: expected a string.");
        }

        var text = StringBytes(ref reader);
        if (PemEncoding.TryFindUtf8(text, out var fields))
        {
            if (!text[fields.Label].SequenceEqual("CERTIFICATE"u8))
            {
                throw new TrustRegistryFormatException($"{path}.certificatePEM: a PEM '{Encoding.ASCII.GetString(text[fields.Label])}' block is not a certificate.");
            }

            text = text[fields.Base64Data];
        }

        var room = Base64.GetMaxDecodedFromUtf8Length(text.Length);
        if (slab.Length - slabUsed < room)
        {
            slab = new byte[Math.Max(SlabSize, room)];
            slabUsed = 0;
        }

        // Base64 skips the line breaks of PEM and of wrapped base64 (RFC 7468 §2).
        if (Base64.DecodeFromUtf8(text, slab.AsSpan(slabUsed, room), out var consumed, out var written) != System.Buffers.OperationStatus.Done || consumed != text.Length || written == 0)
        {
            throw new TrustRegistryFormatException($"{path}.certificatePEM: not a certificate in PEM or base64 DER.");
        }

        // Some lists carry the PEM text base64-encoded once more (seen in the EESSI acceptance environment): decode
        // it again, so a certificate has one DER, and so one thumbprint, however it was written.
        if (slab.AsSpan(slabUsed, written).StartsWith("-----BEGIN "u8))
        {
            var inner = slab.AsSpan(slabUsed, written).ToArray();
            if (!PemEncoding.TryFindUtf8(inner, out var innerFields) || !inner.AsSpan()[innerFields.Label].SequenceEqual("CERTIFICATE"u8)
                || Base64.DecodeFromUtf8(inner.AsSpan()[innerFields.Base64Data], slab.AsSpan(slabUsed, room), out consumed, out written) != System.Buffers.OperationStatus.Done || written == 0)
            {
                throw new TrustRegistryFormatException($"{path}.certificatePEM: not a certificate in PEM or base64 DER.");
            }
        }

        var der = slab.AsMemory(slabUsed, written);
        slabUsed += written;
        return der;
    }

    /// <summary>A date (<c>2025-01-01</c>, read as midnight UTC) or an ISO 8601 date-time; one without an offset is UTC.</summary>
    private DateTimeOffset? ReadInstant(ref Utf8JsonReader reader, Place path, string name)
    {
        var token = Next(ref reader);
        if (token == JsonTokenType.Null)
        {
            return null;
        }

        if (token != JsonTokenType.String)
        {
            throw new TrustRegistryFormatException($"{path}.{name}: expected a string.");
        }

        // The usual form, 2025-01-01T00:00:00Z, is read by the JSON reader's own ISO 8601 parser.
        var bytes = StringBytes(ref reader);
        if (bytes.Length > 10 && bytes[^1] == 'Z' && reader.TryGetDateTimeOffset(out var utc))
        {
            return utc;
        }

        if (TryReadDate(bytes, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        var text = reader.GetString()!;

        if (text.Contains('T', StringComparison.Ordinal) && WireFormat.IsoInstant.TryParse(text, out var instant))
        {
            return instant;
        }

        throw new TrustRegistryFormatException($"{path}.{name}: '{text}' is not a date (yyyy-mm-dd) or an ISO 8601 date-time.");
    }

    /// <summary>A calendar date written <c>yyyy-MM-dd</c>: the payload reader's RFC 3339 full-date rule, on the ten bytes widened.</summary>
    private static bool TryReadDate(ReadOnlySpan<byte> text, out DateOnly date)
    {
        date = default;
        if (text.Length != 10)
        {
            return false;
        }

        Span<char> chars = stackalloc char[10];
        for (var i = 0; i < 10; i++)
        {
            chars[i] = (char)text[i];
        }

        return WireFormat.FullDate.TryParse(chars, out date);
    }

    private static string? ReadString(ref Utf8JsonReader reader, Place path, string name, bool alreadyRead = false) => (alreadyRead ? reader.TokenType : Next(ref reader)) switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        _ => throw new TrustRegistryFormatException($"{path}.{name}: expected a string."),
    };

    /// <summary>Moves to an array's first token; false for null (an absent list).</summary>
    private static bool StartArray(ref Utf8JsonReader reader, Place path, string name) => Next(ref reader) switch
    {
        JsonTokenType.Null => false,
        JsonTokenType.StartArray => true,
        _ => throw new TrustRegistryFormatException($"{path}.{name}: expected an array."),
    };

    /// <summary>A string token's UTF-8, unescaped only when it holds escapes (PEM's "\n" does).</summary>
    private ReadOnlySpan<byte> StringBytes(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        if (unescaped.Length < reader.ValueSpan.Length)
        {
            unescaped = new byte[reader.ValueSpan.Length];
        }

        return unescaped.AsSpan(0, reader.CopyString(unescaped));
    }

    private static void ExpectObject(ref Utf8JsonReader reader, Place path)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new TrustRegistryFormatException($"{path}: expected an object.");
        }
    }

    private static JsonTokenType Next(ref Utf8JsonReader reader) =>
        reader.Read() ? reader.TokenType : throw new TrustRegistryFormatException("the registry ends early.");

    private static TrustRegistryFormatException Required(Place path, string name) => new($"{path}.{name}: required.");

    private static TrustRegistryFormatException NotARegistry() => new("the registry must be a JSON object with an array 'issuers'.");

    /// <summary>Where in the document a value is, built into text only for an error message.</summary>
    private readonly record struct Place(int Issuer, string? List = null, int Item = 0)
    {
        public Place Child(string list, int item) => new(Issuer, list, item);

        public override string ToString() => List is null ? $"issuers[{Issuer}]" : $"issuers[{Issuer}].{List}[{Item}]";
    }

    /// <summary>Which of an object's known members have been read, to refuse one given twice.</summary>
    private struct SeenMembers(Place path)
    {
        private int seen;

        public bool Check(ref Utf8JsonReader reader, ReadOnlySpan<byte> name, int bit)
        {
            if (!reader.ValueTextEquals(name))
            {
                return false;
            }

            if ((seen & (1 << bit)) != 0)
            {
                throw new TrustRegistryFormatException($"{path}.{Encoding.UTF8.GetString(name)}: given twice.");
            }

            seen |= 1 << bit;
            return true;
        }
    }
}
