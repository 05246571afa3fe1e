using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;

namespace Credentials.Host.Security;

/// <summary>
/// The rule for where <c>credentials serve</c> may listen: plain HTTP on loopback only; HTTPS anywhere with a
/// certificate configured (Kestrel's own configuration, <c>Kestrel:Certificates:Default:Path</c> or an endpoint's
/// <c>Certificate</c>); plain HTTP on other addresses only with the documented opt-out for a proxy that terminates TLS
/// (<c>Credentials:Proxy:TlsTerminated</c>). A refusal is one line naming the address and the way out.
/// </summary>
internal static class ListenAddresses
{
    /// <summary>Checks every address from <c>--urls</c> and from <c>Kestrel:Endpoints</c>; throws <see cref="ServerStartException"/>.</summary>
    public static void Check(IReadOnlyList<string> urls, IConfiguration configuration, bool tlsTerminated)
    {
        ArgumentNullException.ThrowIfNull(urls);
        ArgumentNullException.ThrowIfNull(configuration);
        var endpoints = configuration.GetSection("Kestrel:Endpoints").GetChildren().ToList();
        var defaultCertificate = HasCertificate(configuration.GetSection("Kestrel:Certificates:Default"));
        var addresses = endpoints.Count > 0
            ? endpoints.Select(e => (Url: e["Url"] ?? string.Empty, Certificate: defaultCertificate || HasCertificate(e.GetSection("Certificate")), Key: $"Kestrel:Endpoints:{e.Key}:Url"))
            : urls.Select(u => (Url: u, Certificate: defaultCertificate, Key: "--urls"));
        foreach (var (url, certificate, key) in addresses)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(url);
            }
            catch (FormatException e)
            {
                throw new ServerStartException($"{key}: '{url}' is not an address to listen on (e.g. http://127.0.0.1:8080).", e);
            }

            if (binding.IsUnixPipe || (binding.Scheme != Uri.UriSchemeHttp && binding.Scheme != Uri.UriSchemeHttps) || binding.Port is < 0 or > 65535 || string.IsNullOrEmpty(binding.Host))
            {
                throw new ServerStartException($"{key}: '{url}' is not an address to listen on (e.g. http://127.0.0.1:8080).");
            }

            if (binding.Scheme == Uri.UriSchemeHttps)
            {
                if (!certificate)
                {
                    throw new ServerStartException($"{key}: '{url}' is HTTPS and no certificate is configured: set Kestrel:Certificates:Default:Path (with :KeyPath or :Password; in the environment KESTREL__CERTIFICATES__DEFAULT__PATH).");
                }

                continue;
            }

            if (!IsLoopback(binding.Host) && !tlsTerminated)
            {
                throw new ServerStartException($"{key}: '{url}' is plain HTTP on an address other than loopback: listen on https with a certificate (Kestrel:Certificates:Default:Path), or, behind a proxy that terminates TLS, set Credentials:Proxy:TlsTerminated=true.");
            }
        }
    }

    /// <summary>Whether a host name in an address is loopback only: localhost, 127.0.0.0/8 or ::1 (not *, +, 0.0.0.0 or ::).</summary>
    public static bool IsLoopback(string host)
    {
        ArgumentNullException.ThrowIfNull(host);
        if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        return IPAddress.TryParse(host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address);
    }

    private static bool HasCertificate(IConfigurationSection section) =>
        !string.IsNullOrWhiteSpace(section["Path"]) || !string.IsNullOrWhiteSpace(section["Subject"]);
}
