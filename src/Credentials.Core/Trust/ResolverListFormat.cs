using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json;
using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// The EC resolver's full list of issuers (spec "Resolver"; <c>GET /api/v1/issuers</c>), which is also our
/// registry file format (specs/trust-registry.md):
/// <code>{"issuers":[{"officialID":"0120","countryCode":"BE","name":"CM",
///   "certificates":[{"x5t#S256":…,"validFrom":…,"validUntil":…,"certificatePEM":…}],
///   "accreditationPeriods":[{"portableDocument":"EHIC","validFrom":…,"validUntil":null}]}]}</code>
/// </summary>
public static class ResolverListFormat
{
    /// <summary>A registry file larger than this is refused before parsing (the EC list is a few megabytes).</summary>
    public const long MaxDocumentBytes = 512L * 1024 * 1024;

    private static readonly JsonDocumentOptions DocumentOptions = new() { MaxDepth = 8 };

    public static TrustRegistry Load(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"the registry file '{path}' does not exist.", path);
        }

        if (info.Length > MaxDocumentBytes)
        {
            throw new TrustRegistryFormatException($"the registry file is {info.Length} bytes, more than the {MaxDocumentBytes} accepted.");
        }

        using var stream = info.OpenRead();
        return new TrustRegistry(Read(stream));
    }

    public static IReadOnlyList<RegistryIssuer> Read(Stream utf8Json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8Json, DocumentOptions);
        }
        catch (JsonException e)
        {
            throw new TrustRegistryFormatException($"the registry is not valid JSON: {PrcPayloadReader.JsonErrorText(e)}.");
        }

        using (document)
        {
            return Read(document.RootElement);
        }
    }

    public static IReadOnlyList<RegistryIssuer> Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("issuers", out var issuers) || issuers.ValueKind != JsonValueKind.Array)
        {
            throw new TrustRegistryFormatException("the registry must be a JSON object with an array 'issuers'.");
        }

        // A certificate that signs for many institutions is parsed once; each link keeps its own validity
        // (one institution's link may be withdrawn while another's holds), so links with equal validity share.
        var certificates = new Dictionary<(string Thumbprint, DateTimeOffset? From, DateTimeOffset? Until), TrustedCertificate>();
        var result = new List<RegistryIssuer>(issuers.GetArrayLength());
        var index = 0;
        foreach (var issuer in issuers.EnumerateArray())
        {
            result.Add(ReadIssuer(issuer, $"issuers[{index++}]", certificates));
        }

        return result;
    }

    private static RegistryIssuer ReadIssuer(JsonElement issuer, string path, Dictionary<(string Thumbprint, DateTimeOffset? From, DateTimeOffset? Until), TrustedCertificate> certificates)
    {
        if (issuer.ValueKind != JsonValueKind.Object)
        {
            throw new TrustRegistryFormatException($"{path}: expected an object.");
        }

        var countryCode = RequiredString(issuer, "countryCode", path);
        if (!IssuingCountry.TryParse(countryCode, out var country, out _))
        {
            throw new TrustRegistryFormatException($"{path}.countryCode: '{countryCode}' is not an issuing country of the ePRC schema.");
        }

        var officialId = RequiredString(issuer, "officialID", path);
        if (!InstitutionId.TryCreate(country, officialId, out var id, out var idError))
        {
            throw new TrustRegistryFormatException($"{path}.officialID: {idError}");
        }

        var name = OptionalString(issuer, "name", path) ?? string.Empty;

        var certificateList = new List<TrustedCertificate>();
        var i = 0;
        foreach (var certificate in OptionalArray(issuer, "certificates", path))
        {
            certificateList.Add(ReadCertificate(certificate, $"{path}.certificates[{i++}]", certificates));
        }

        var periods = new List<AccreditationPeriod>();
        i = 0;
        foreach (var period in OptionalArray(issuer, "accreditationPeriods", path))
        {
            periods.Add(ReadPeriod(period, $"{path}.accreditationPeriods[{i++}]"));
        }

        return new RegistryIssuer(id, name, certificateList, periods);
    }

    private static TrustedCertificate ReadCertificate(JsonElement element, string path, Dictionary<(string Thumbprint, DateTimeOffset? From, DateTimeOffset? Until), TrustedCertificate> certificates)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new TrustRegistryFormatException($"{path}: expected an object.");
        }

        var der = CertificateDer(RequiredString(element, "certificatePEM", path), $"{path}.certificatePEM");
        var validFrom = OptionalInstant(element, "validFrom", path);
        var validUntil = OptionalInstant(element, "validUntil", path);
        TrustedCertificate trusted;
        try
        {
            trusted = TrustedCertificate.FromDer(der, validFrom, validUntil);
        }
        catch (CryptographicException)
        {
            throw new TrustRegistryFormatException($"{path}.certificatePEM: not a certificate in PEM or base64 DER.");
        }

        var stated = OptionalString(element, "x5t#S256", path);
        if (stated is not null && stated != trusted.Thumbprint)
        {
            throw new TrustRegistryFormatException($"{path}.x5t#S256: '{stated}' is not the SHA-256 thumbprint of the certificate given ({trusted.Thumbprint}).");
        }

        if (certificates.TryGetValue((trusted.Thumbprint, validFrom, validUntil), out var known))
        {
            return known;
        }

        certificates[(trusted.Thumbprint, validFrom, validUntil)] = trusted;
        return trusted;
    }

    private static AccreditationPeriod ReadPeriod(JsonElement element, string path)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new TrustRegistryFormatException($"{path}: expected an object.");
        }

        var document = RequiredString(element, "portableDocument", path);
        var from = OptionalInstant(element, "validFrom", path)
            ?? throw new TrustRegistryFormatException($"{path}.validFrom: required.");
        var until = OptionalInstant(element, "validUntil", path);
        return new AccreditationPeriod(document, DateOnly.FromDateTime(from.UtcDateTime), until is { } u ? DateOnly.FromDateTime(u.UtcDateTime) : null);
    }

    /// <summary>The DER of a certificate given as PEM, or as the base64 of the DER, as resolvers differ in what they send.</summary>
    internal static byte[] CertificateDer(string text, string path)
    {
        try
        {
            if (PemEncoding.TryFind(text, out var fields))
            {
                var label = text.AsSpan()[fields.Label];
                if (!label.SequenceEqual("CERTIFICATE"))
                {
                    throw new TrustRegistryFormatException($"{path}: a PEM '{label}' block is not a certificate.");
                }

                return Convert.FromBase64String(text[fields.Base64Data]);
            }

            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException e) when (e is not TrustRegistryFormatException)
        {
            throw new TrustRegistryFormatException($"{path}: not a certificate in PEM or base64 DER.");
        }
    }

    private static string RequiredString(JsonElement element, string name, string path) =>
        OptionalString(element, name, path) ?? throw new TrustRegistryFormatException($"{path}.{name}: required.");

    private static string? OptionalString(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new TrustRegistryFormatException($"{path}.{name}: expected a string.");
    }

    private static List<JsonElement> OptionalArray(JsonElement element, string name, string path)
    {
        if (!element.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return [];
        }

        return value.ValueKind == JsonValueKind.Array
            ? [.. value.EnumerateArray()]
            : throw new TrustRegistryFormatException($"{path}.{name}: expected an array.");
    }

    /// <summary>A date (<c>2025-01-01</c>, read as midnight UTC) or an ISO 8601 date-time with offset.</summary>
    private static DateTimeOffset? OptionalInstant(JsonElement element, string name, string path)
    {
        var text = OptionalString(element, name, path);
        if (text is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return new DateTimeOffset(date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var instant) && text.Contains('T', StringComparison.Ordinal))
        {
            return instant;
        }

        throw new TrustRegistryFormatException($"{path}.{name}: '{text}' is not a date (yyyy-mm-dd) or an ISO 8601 date-time.");
    }

    /// <summary>Writes issuers in the resolver's shape.</summary>
    public static void Write(Stream destination, IEnumerable<RegistryIssuer> issuers)
    {
        using var writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        writer.WriteStartObject();
        writer.WriteStartArray("issuers");
        foreach (var issuer in issuers)
        {
            writer.WriteStartObject();
            writer.WriteString("officialID", issuer.Id.LocalId);
            writer.WriteString("countryCode", issuer.Id.Country.Code);
            writer.WriteString("name", issuer.Name);
            writer.WriteStartArray("certificates");
            foreach (var certificate in issuer.Certificates)
            {
                writer.WriteStartObject();
                writer.WriteString("x5t#S256", certificate.Thumbprint);
                writer.WriteString("validFrom", IsoInstant.Format(certificate.ValidFrom));
                writer.WriteString("validUntil", IsoInstant.Format(certificate.ValidUntil));
                writer.WriteString("certificatePEM", PemEncoding.WriteString("CERTIFICATE", certificate.RawData.Span));
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteStartArray("accreditationPeriods");
            foreach (var period in issuer.AccreditationPeriods)
            {
                writer.WriteStartObject();
                writer.WriteString("portableDocument", period.PortableDocument);
                writer.WriteString("validFrom", period.ValidFrom.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                if (period.ValidUntil is { } until)
                {
                    writer.WriteString("validUntil", until.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                }
                else
                {
                    writer.WriteNull("validUntil");
                }

                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static string WriteToString(IEnumerable<RegistryIssuer> issuers)
    {
        using var stream = new MemoryStream();
        Write(stream, issuers);
        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
