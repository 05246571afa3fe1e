using System.Xml.Linq;
using Credentials.Storage.Accounts;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Credentials.Host.Accounts;

/// <summary>
/// The ASP.NET Core data-protection key ring in the host's state database (<see cref="DataProtectionKeyStore"/>):
/// hosts on one PostgreSQL database share it, so a sign-in cookie, an antiforgery token or an OpenID Connect state
/// one host protected is read by any other behind the same load balancer; on one machine it is the SQLite file
/// beside the API keys. The keys are kept as the platform writes them, protected by the database's access rights.
/// </summary>
internal sealed class DatabaseXmlRepository(DataProtectionKeyStore store) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements() => [.. store.All().Select(xml => XElement.Parse(xml))];

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        store.Add(friendlyName, element.ToString(SaveOptions.DisableFormatting));
    }
}
