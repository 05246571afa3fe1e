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

    /// <summary>The default bound of a list downloaded over HTTP: the EC's full list of ~3,400 institutions is a few megabytes.</summary>
    public const long MaxDownloadBytes = 64L * 1024 * 1024;

    /// <summary>Reads a registry file in the resolver's shape (at most <see cref="MaxDocumentBytes"/>). A resolver list carries no date, so the registry's age is unknown (<see cref="TrustRegistry.AsOf"/> null) and step 4 says so; a <see cref="TrustRegistryFormatException"/> names the place that cannot be read.</summary>
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

        return new TrustRegistry(Read(File.ReadAllBytes(path)));
    }

    /// <summary>Reads a list from a stream, refusing one larger than <see cref="MaxDocumentBytes"/>.</summary>
    public static IReadOnlyList<RegistryIssuer> Read(Stream utf8Json)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = utf8Json.Read(chunk)) > 0)
        {
            if (buffer.Length + read > MaxDocumentBytes)
            {
                throw new TrustRegistryFormatException($"the registry is more than the {MaxDocumentBytes} bytes accepted.");
            }

            buffer.Write(chunk, 0, read);
        }

        return Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>Reads a list from its UTF-8 (<see cref="ResolverListReader"/>).</summary>
    public static IReadOnlyList<RegistryIssuer> Read(ReadOnlySpan<byte> utf8Json) =>
        utf8Json.Length > MaxDocumentBytes
            ? throw new TrustRegistryFormatException($"the registry is {utf8Json.Length} bytes, more than the {MaxDocumentBytes} accepted.")
            : ResolverListReader.ReadDocument(utf8Json);

    /// <summary>Writes issuers in the resolver's shape, indented, certificates as PEM (as the EC resolver sends them).</summary>
    public static void Write(Stream destination, IEnumerable<RegistryIssuer> issuers)
    {
        using var writer = new Utf8JsonWriter(destination, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        Write(writer, issuers, CertificateText.Pem);
    }

    /// <summary>Writes the registry object <c>{"issuers":[…]}</c> into a writer.</summary>
    internal static void Write(Utf8JsonWriter writer, IEnumerable<RegistryIssuer> issuers, CertificateText certificateText)
    {
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
                if (certificateText == CertificateText.Pem)
                {
                    writer.WriteString("certificatePEM", PemEncoding.WriteUtf8("CERTIFICATE"u8, certificate.RawData.Span));
                }
                else
                {
                    writer.WriteBase64String("certificatePEM", certificate.RawData.Span);
                }
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

    /// <summary>The registry in the resolver's shape, as UTF-8 JSON text (what the resolver API serves and a registry file holds).</summary>
    public static string WriteToString(IEnumerable<RegistryIssuer> issuers)
    {
        using var stream = new MemoryStream();
        Write(stream, issuers);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>How a certificate's DER is written in <c>certificatePEM</c>; readers accept both.</summary>
    internal enum CertificateText
    {
        /// <summary>PEM with its armour and line breaks, as the EC resolver sends it.</summary>
        Pem,

        /// <summary>The base64 of the DER on one line: no JSON escapes, a third shorter to read (signed snapshots).</summary>
        Base64Der,
    }
}
