using System.Text;
using Credentials.Model;
using Credentials.Trust;
using Credentials.WireFormat;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Credentials.Host;

/// <summary>
/// The resolver API (specs/trust-registry.md, "Resolver API"): the EC resolver's paths and shapes, so a verifier
/// can use this server or the EC's without change, plus the signed snapshot. Read-only: every write to the
/// registry goes through the command line on the server's own machine. GET and HEAD are answered alike.
/// </summary>
public static class ResolverApi
{
    public const string IssuersPath = "/api/v1/issuers";
    public const string SnapshotPath = "/api/v1/snapshot";

    /// <summary>How often, at most, the server asks the database whether an import or sync changed it, unless told.</summary>
    public static TimeSpan DefaultChangeCheckInterval { get; } = TimeSpan.FromSeconds(1);

    private static readonly string[] QueryParameters = ["kid", "countryCode", "officialID"];
    private static readonly string[] Methods = [HttpMethods.Get, HttpMethods.Head];

    /// <summary>
    /// The server over a registry database and, optionally, a snapshot file; both are checked now, so a missing or
    /// unusable input stops the start with a <see cref="ServerStartException"/>. Start it with
    /// <see cref="ServerHost.RunAsync"/> (or <see cref="ServerHost.StartAsync"/>).
    /// </summary>
    public static WebApplication Build(string registryDatabase, string? snapshotFile, IEnumerable<string> urls, TimeSpan? changeCheckInterval = null, TimeSpan? shutdownTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(registryDatabase);
        ArgumentNullException.ThrowIfNull(urls);
        if (Directory.Exists(registryDatabase))
        {
            throw new ServerStartException($"--registry: '{registryDatabase}' is a folder, not a registry database.");
        }

        if (!File.Exists(registryDatabase))
        {
            throw new ServerStartException($"--registry: there is no registry at '{registryDatabase}': create one with 'credentials registry import FILE'.");
        }

        var snapshot = snapshotFile is null ? null : SnapshotFile.Open(snapshotFile);
        RegistryView view;
        try
        {
            view = new RegistryView(registryDatabase, changeCheckInterval ?? DefaultChangeCheckInterval);
        }
        catch (IOException e)
        {
            throw new ServerStartException($"--registry: {e.Message}", e);
        }

        try
        {
            var app = ServerHost.CreateBuilder([.. urls], shutdownTimeout).Build();
            app.Lifetime.ApplicationStopped.Register(view.Dispose);
            Map(app, view.Get, snapshot);
            return app;
        }
        catch
        {
            view.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Maps the resolver's paths onto an application (this server's, or the one of <c>credentials serve</c>):
    /// <paramref name="registry"/> gives the registry version to answer each request with.
    /// </summary>
    internal static RouteHandlerBuilder[] Map(IEndpointRouteBuilder endpoints, Func<RegistryView.Served> registry, SnapshotFile? snapshot) =>
    [
        endpoints.MapMethods(IssuersPath, Methods, (HttpContext context) => Issuers(context, registry))
            .Produces<System.Text.Json.JsonElement>(StatusCodes.Status200OK, "application/json").Produces(StatusCodes.Status304NotModified).Problems(StatusCodes.Status400BadRequest),
        endpoints.MapMethods(SnapshotPath, Methods, (HttpContext context) => Snapshot(context, snapshot))
            .Produces<string>(StatusCodes.Status200OK, "application/jwt").Produces(StatusCodes.Status304NotModified).Problems(StatusCodes.Status404NotFound),
    ];

    private static IResult Issuers(HttpContext context, Func<RegistryView.Served> registry)
    {
        var served = registry();
        var query = context.Request.Query;
        if (query.Count == 0)
        {
            return Conditional(context, served.ETag) ?? Results.Bytes(served.List, "application/json", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(served.ETag));
        }

        foreach (var (name, values) in query)
        {
            if (!QueryParameters.Contains(name, StringComparer.Ordinal))
            {
                return BadRequest($"unknown query parameter '{Printable(name)}': query by kid, countryCode and officialID (all three), or with none for the full list.");
            }

            if (values.Count > 1)
            {
                return BadRequest($"the query parameter '{name}' is given {values.Count} times: give it once.");
            }
        }

        // Query by (kid, countryCode, officialID) → at most one issuer with one certificate (EC spec, "Resolver").
        string? kid = query["kid"], country = query["countryCode"], officialId = query["officialID"];
        if (kid is null || country is null || officialId is null)
        {
            return BadRequest("query with all of kid, countryCode and officialID, or with none for the full list.");
        }

        var thumbprint = kid.StartsWith(EessiKeyId.Prefix, StringComparison.Ordinal) ? kid : EessiKeyId.Prefix + kid;
        if (!EessiKeyId.TryParse(thumbprint, out var keyId, out var kidError))
        {
            return BadRequest($"kid: {kidError}");
        }

        if (!IssuingCountry.TryParse(country, out var issuingCountry, out _) || !InstitutionId.TryCreate(issuingCountry, officialId, out var institution, out _))
        {
            return BadRequest("countryCode/officialID: not an institution id of the ePRC schema.");
        }

        var resolution = served.Registry.Resolve(keyId, institution);
        IEnumerable<RegistryIssuer> found = resolution.Outcome == KeyResolutionOutcome.Resolved
            ? [resolution.Issuer! with { Certificates = [resolution.Certificate!] }]
            : [];
        return Results.Text(ResolverListFormat.WriteToString(found), "application/json", Encoding.UTF8);
    }

    private static IResult Snapshot(HttpContext context, SnapshotFile? snapshotFile)
    {
        if (snapshotFile is null)
        {
            return Results.Problem("this server publishes no snapshot.", statusCode: StatusCodes.Status404NotFound);
        }

        var (content, etag) = snapshotFile.Get();
        return Conditional(context, etag) ?? Results.Bytes(content, "application/jwt", entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue(etag));
    }

    private static IResult BadRequest(string detail) => Results.Problem(detail, statusCode: StatusCodes.Status400BadRequest);

    /// <summary>A query parameter's name as a message may quote it: short, and printable ASCII only.</summary>
    private static string Printable(string name) => new([.. name.Take(40).Select(c => c is >= ' ' and <= '~' ? c : '?')]);

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
