using System.Text;
using System.Text.Json.Nodes;
using Credentials.Issuance;
using Credentials.Issuance.Demo;
using Credentials.Printing;
using Credentials.Revocation;
using Credentials.Trust.Store;
using Credentials.WireFormat;
using Microsoft.Extensions.Time.Testing;

namespace Credentials.Host.Tests.Support;

/// <summary>
/// What a host under test runs on: a data folder of its own, a clock stopped at a fixed date, a throwaway PKI for
/// BE:0120 (<see cref="DemoScenario"/>) and a registry database that knows it, imported at the clock's time; and
/// the documents the tests issue with that PKI and present to the host.
/// </summary>
public sealed class HostScenario : IDisposable
{
    /// <summary>The day the tests verify on.</summary>
    public static readonly DateOnly Today = new(2026, 6, 15);

    /// <summary>The sample holder's names and numbers: what no log may ever hold.</summary>
    public static readonly string[] PersonalData = ["Dupont", "Müller", "Émilie", "Zoë", "87040012345", "01200000012345678901", "1987-04-00", "Maes", "Lucas", "15031501101"];

    public HostScenario()
    {
        DataFolder = Directory.CreateTempSubdirectory("credentials-host-").FullName;
        // The entitlement of the sample starts a month before the clock's day, so earlier treatment dates are covered.
        Pki = DemoScenario.Create(Today.AddMonths(-1));
        using var store = RegistryStore.Open(Path.Combine(DataFolder, "registry.db"));
        store.Import([Pki.Issuer], "tests", Clock.GetUtcNow());
    }

    public FakeTimeProvider Clock { get; } = Credentials.Testing.Clock.At(Today);

    public DemoScenario Pki { get; }

    public string DataFolder { get; }

    /// <summary>The file the host serves at /revocation/BE-0120/prc.</summary>
    public string RevocationListFile => Path.Combine(DataFolder, "publish", "revocation", "BE-0120", "prc");

    /// <summary>Issues the sample ePRC; with <paramref name="revocationList"/> it carries a jti and that rid.</summary>
    public IssuedQrToken IssuePrc(Uri? revocationList = null, string tokenId = "0f8c7d3e-5b1a-4c2e-9d6f-2a4b8c1e7f90")
    {
        var request = JsonNode.Parse(Pki.SampleRequestJson(revocationList is null ? null : tokenId))!.AsObject();
        if (revocationList is not null)
        {
            request["rid"] = revocationList.ToString();
        }

        var result = new QrTokenIssuer(Pki.Signer, Clock).Issue(Encoding.UTF8.GetBytes(request.ToJsonString()));
        return result.Document ?? throw new InvalidOperationException("the sample request was refused: " + string.Join("; ", result.Errors));
    }

    /// <summary>The document printed as its PDF, as the holder would hand it over.</summary>
    public byte[] Pdf(IssuedQrToken issued) => DocumentPdf.Create(issued.Document, issued.QrText, DocumentLabels.Get("en"), Clock.GetUtcNow());

    /// <summary>The same QR text with one letter of the holder's name changed inside the signed payload: the signature no longer matches.</summary>
    public static string Tampered(string qrText)
    {
        var parts = QrTextCodec.Decode(qrText).Split('.');
        var payload = Encoding.UTF8.GetString(Base64Url(parts[1])).Replace("Dupont", "Dupond", StringComparison.Ordinal);
        return QrTextCodec.Encode($"{parts[0]}.{Convert.ToBase64String(Encoding.UTF8.GetBytes(payload)).TrimEnd('=').Replace('+', '-').Replace('/', '_')}.{parts[2]}");
    }

    /// <summary>Signs the institution's revocation list with its key, holding <paramref name="revoked"/>, where the host serves it.</summary>
    public void PublishRevocationList(params string[] revoked)
    {
        var now = Clock.GetUtcNow();
        var list = new RevocationList(DemoScenario.Institution, now, now.AddDays(7), revoked.ToDictionary(jti => jti, _ => now));
        Directory.CreateDirectory(Path.GetDirectoryName(RevocationListFile)!);
        File.WriteAllText(RevocationListFile, RevocationListFormat.Sign(list, new JwsSigner(Pki.Signer)));
    }

    /// <summary>The settings of a host on this scenario: its data folder and clock, rate limits set high, every log line captured.</summary>
    public ServeSettings Settings(IReadOnlyDictionary<string, string?>? settings = null, IReadOnlyList<string>? urls = null)
    {
        var all = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase) { ["Credentials:RateLimits:PermitLimit"] = "100000" };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new ServeSettings
        {
            DataFolder = DataFolder,
            Urls = urls,
            Time = Clock,
            Settings = all,
            ConfigureBuilder = builder => LogCapture.AddTo(builder.Logging),
        };
    }

    private static byte[] Base64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded.PadRight(padded.Length + ((4 - (padded.Length % 4)) % 4), '='));
    }

    public void Dispose()
    {
        Pki.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A SQLite file still open by a host being disposed: the temporary folder is left to the system.
        }
    }
}
