using System.Security.Cryptography;
using System.Text;
using Credentials.Trust;
using Credentials.Trust.Store;

namespace Credentials.Server;

/// <summary>
/// The registry as served: loaded from the database, its full list rendered once with an ETag, and reloaded
/// when an import or sync has changed the database since. Thread-safe.
/// </summary>
internal sealed class RegistryView(string databasePath)
{
    private readonly Lock gate = new();
    private (DateTimeOffset? AsOf, TrustRegistry Registry, byte[] List, string ETag)? current;

    public (TrustRegistry Registry, byte[] List, string ETag) Get()
    {
        DateTimeOffset? asOf;
        using (var store = RegistryStore.Open(databasePath))
        {
            asOf = store.Status().LastImportAt;
            lock (gate)
            {
                if (current is not { } cached || cached.AsOf != asOf)
                {
                    var registry = store.Load();
                    var list = Encoding.UTF8.GetBytes(ResolverListFormat.WriteToString(registry.Issuers));
                    current = (asOf, registry, list, ETagOf(list));
                }
            }
        }

        var value = current!.Value;
        return (value.Registry, value.List, value.ETag);
    }

    public static string ETagOf(ReadOnlySpan<byte> content) => "\"" + Convert.ToHexStringLower(SHA256.HashData(content))[..32] + "\"";
}
