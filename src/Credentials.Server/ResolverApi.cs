using System.Text;
using Credentials.Model;
using Credentials.Trust;
using Credentials.WireFormat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Credentials.Server;

/// <summary>
/// The resolver API (specs/trust-registry.md, "Resolver API"): the EC resolver's paths and shapes, so a verifier
/// can use this server or the EC's without change, plus the signed snapshot. Read-only: every write to the
/// registry goes through the command line on the server's own machine.
/// </summary>
public static class ResolverApi
{
    public const string IssuersPath = "/api/v1/issuers";
    public const string SnapshotPath = "/api/v1/snapshot";

    public static WebApplication Build(string registryDatabase, string? snapshotFile, IEnumerable<string> urls)
    {
        ArgumentNullException.ThrowIfNull(registryDatabase);
        if (!File.Exists(registryDatabase))
        {
            throw new FileNotFoundException($"there is no registry at '{registryDatabase}': create one with 'credentials registry import FILE'.", registryDatabase);
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(options => options.SingleLine = true);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseUrls([.. urls]);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Limits.MaxRequestBodySize = 0); // nothing is uploaded

        var app = builder.Build();
        var view = new RegistryView(registryDatabase);
        app.MapGet(IssuersPath, (HttpContext context) => Issuers(context, view));
        app.MapGet(SnapshotPath, (HttpContext context) => Snapshot(context, snapshotFile));
        return app;
    }

    private static IResult Issuers(HttpContext context, RegistryView view)
    {
        var (registry, list, etag) = view.Get();
        var query = context.Request.Query;
        if (query.Count == 0)
        {
            return Conditional(context, etag) ?? Results.Bytes(list, "application/json", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(etag));
        }

        // Query by (kid, countryCode, officialID) → at most one issuer with one certificate (EC spec, "Resolver").
        string? kid = query["kid"], country = query["countryCode"], officialId = query["officialID"];
        if (kid is null || country is null || officialId is null)
        {
            return Results.Problem("query with all of kid, countryCode and officialID, or with none for the full list.", statusCode: StatusCodes.Status400BadRequest);
        }

        var thumbprint = kid.StartsWith(EessiKeyId.Prefix, StringComparison.Ordinal) ? kid : EessiKeyId.Prefix + kid;
        if (!EessiKeyId.TryParse(thumbprint, out var keyId, out var kidError))
        {
            return Results.Problem($"kid: {kidError}", statusCode: StatusCodes.Status400BadRequest);
        }

        if (!IssuingCountry.TryParse(country, out var issuingCountry, out _) || !InstitutionId.TryCreate(issuingCountry, officialId, out var institution, out var idError))
        {
            return Results.Problem($"countryCode/officialID: not an institution id of the ePRC schema.", statusCode: StatusCodes.Status400BadRequest);
        }

        var resolution = registry.Resolve(keyId, institution);
        IEnumerable<RegistryIssuer> found = resolution.Outcome == KeyResolutionOutcome.Resolved
            ? [resolution.Issuer! with { Certificates = [resolution.Certificate!] }]
            : [];
        return Results.Text(ResolverListFormat.WriteToString(found), "application/json", Encoding.UTF8);
    }

    private static IResult Snapshot(HttpContext context, string? snapshotFile)
    {
        if (snapshotFile is null || !File.Exists(snapshotFile))
        {
            return Results.Problem("this server publishes no snapshot.", statusCode: StatusCodes.Status404NotFound);
        }

        var content = File.ReadAllBytes(snapshotFile);
        var etag = RegistryView.ETagOf(content);
        return Conditional(context, etag) ?? Results.Bytes(content, "application/jwt", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(etag));
    }

    /// <summary>RFC 9110 §13.1.2: If-None-Match with the current ETag gets 304 Not Modified.</summary>
    private static IResult? Conditional(HttpContext context, string etag)
    {
        var ifNoneMatch = context.Request.Headers.IfNoneMatch.ToString();
        if (ifNoneMatch.Length > 0 && (ifNoneMatch == "*" || ifNoneMatch.Split(',').Select(t => t.Trim()).Contains(etag)))
        {
            context.Response.Headers.ETag = etag;
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        return null;
    }
}
