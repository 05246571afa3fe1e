using System.Globalization;
using System.Net;

namespace Credentials.Host.Configuration;

/// <summary>
/// Checks <see cref="ServeOptions"/> as a whole before the host starts: each problem is one line naming the key, the
/// value and what is allowed, so a bad setting stops the start (exit 2) instead of surfacing on the first request.
/// </summary>
internal static class ServeOptionsValidator
{
    private static readonly TimeSpan MaxTrustAge = TimeSpan.FromDays(31);

    /// <summary>The problems found, none when the settings are usable.</summary>
    public static IReadOnlyList<string> Check(ServeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Require(bool holds, string problem)
        {
            if (!holds)
            {
                problems.Add(problem);
            }
        }

        const string S = ServeOptions.Section;
        if (options.PublicBaseUrl is { } publicBase)
        {
            Require(
                publicBase.IsAbsoluteUri && (publicBase.Scheme == Uri.UriSchemeHttp || publicBase.Scheme == Uri.UriSchemeHttps) && publicBase.Query.Length == 0 && publicBase.Fragment.Length == 0,
                $"{S}:PublicBaseUrl: '{publicBase.OriginalString}' is not an absolute http(s) address without query or fragment (e.g. https://verify.example.org/).");
        }

        Require(options.DataFolder.Length > 0, $"{S}:DataFolder: give the folder for the host's files.");
        Require(options.LogFormat is "text" or "json", $"{S}:LogFormat: '{options.LogFormat}' is not a log format: text or json.");
        Range(problems, $"{S}:Trust:MaxAge", options.Trust.MaxAge, TimeSpan.FromMinutes(1), MaxTrustAge);
        Range(problems, $"{S}:Trust:StaleAfter", options.Trust.StaleAfter, TimeSpan.FromMinutes(1), MaxTrustAge);
        Range(problems, $"{S}:Trust:CheckInterval", options.Trust.CheckInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        if (options.Sync.From is { } from)
        {
            Require(from.IsAbsoluteUri && (from.Scheme == Uri.UriSchemeHttp || from.Scheme == Uri.UriSchemeHttps), $"{S}:Sync:From: '{from.OriginalString}' is not an http(s) address.");
        }

        Range(problems, $"{S}:Sync:Interval", options.Sync.Interval, TimeSpan.FromMinutes(1), TimeSpan.FromDays(7));
        Require(options.Sync.MaxBytes is > 0 and <= Credentials.Trust.ResolverListFormat.MaxDocumentBytes, $"{S}:Sync:MaxBytes: {options.Sync.MaxBytes} is not allowed: 1 to {Credentials.Trust.ResolverListFormat.MaxDocumentBytes} bytes.");
        Require(options.Verifier.Name is null || (options.Verifier.Name.Length <= 200 && !options.Verifier.Name.Any(char.IsControl)), $"{S}:Verifier:Name: at most 200 characters, no control characters.");
        if (options.Verifier.TimeZone is { } zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone, out _))
        {
            problems.Add($"{S}:Verifier:TimeZone: '{zone}' is not a time zone of this machine (an IANA id such as Europe/Brussels).");
        }

        PathPrefix(problems, $"{S}:Revocation:Path", options.Revocation.Path);
        PathPrefix(problems, $"{S}:StatusLists:Path", options.StatusLists.Path);
        Require(!string.Equals(options.Revocation.Path.TrimEnd('/'), options.StatusLists.Path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase), $"{S}:StatusLists:Path: '{options.StatusLists.Path}' is also the revocation lists' path; give each its own.");
        Range(problems, $"{S}:Revocation:MaxAge", options.Revocation.MaxAge, TimeSpan.Zero, TimeSpan.FromDays(1));
        Range(problems, $"{S}:StatusLists:MaxAge", options.StatusLists.MaxAge, TimeSpan.Zero, TimeSpan.FromDays(1));
        Require(options.RateLimits.PermitLimit is >= 1 and <= 10_000_000, $"{S}:RateLimits:PermitLimit: {options.RateLimits.PermitLimit} is not allowed: 1 to 10000000 requests per window.");
        Range(problems, $"{S}:RateLimits:Window", options.RateLimits.Window, TimeSpan.FromSeconds(1), TimeSpan.FromHours(1));
        Networks(problems, $"{S}:RateLimits:Exempt", options.RateLimits.Exempt);
        Networks(problems, $"{S}:Proxy:KnownNetworks", options.Proxy.KnownNetworks);
        for (var i = 0; i < options.Proxy.KnownProxies.Count; i++)
        {
            Require(IPAddress.TryParse(options.Proxy.KnownProxies[i], out _), $"{S}:Proxy:KnownProxies:{i}: '{options.Proxy.KnownProxies[i]}' is not an IP address.");
        }

        Require(options.Limits.MaxUploadBytes is >= 1024 and <= Credentials.Scanning.VerifierInput.MaxBytes, $"{S}:Limits:MaxUploadBytes: {options.Limits.MaxUploadBytes} is not allowed: 1024 to {Credentials.Scanning.VerifierInput.MaxBytes} bytes.");
        Range(problems, $"{S}:Limits:ResultLifetime", options.Limits.ResultLifetime, TimeSpan.FromSeconds(10), TimeSpan.FromDays(1));
        Require(options.Limits.HeldResults is >= 1 and <= 1_000_000, $"{S}:Limits:HeldResults: {options.Limits.HeldResults} is not allowed: 1 to 1000000.");
        return problems;
    }

    private static void Range(List<string> problems, string key, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            problems.Add(string.Create(CultureInfo.InvariantCulture, $"{key}: {value} is not allowed: {min} to {max} (d.hh:mm:ss)."));
        }
    }

    private static void PathPrefix(List<string> problems, string key, string path)
    {
        if (path.Length < 2 || path[0] != '/' || path.Any(c => !(char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '_' or '.')) || path.Contains("..", StringComparison.Ordinal)
            || path.TrimEnd('/').ToLowerInvariant() is "/api" or "/verify" or "/health" or "/assets" or "/openapi")
        {
            problems.Add($"{key}: '{path}' is not a path of its own: '/' and letters, digits, '-', '_', '.', e.g. /revocation.");
        }
    }

    private static void Networks(List<string> problems, string key, IList<string> networks)
    {
        for (var i = 0; i < networks.Count; i++)
        {
            if (!IPNetwork.TryParse(networks[i], out _))
            {
                problems.Add($"{key}:{i}: '{networks[i]}' is not a network in CIDR notation (e.g. 10.1.2.0/24).");
            }
        }
    }
}
