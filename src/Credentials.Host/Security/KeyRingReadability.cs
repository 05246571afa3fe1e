using System.Security.Cryptography;
using Credentials.Host.Configuration;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.DependencyInjection;

namespace Credentials.Host.Security;

/// <summary>
/// A check at start that this host can decrypt every live key of the shared data-protection key ring. Without it, a
/// host given the wrong key-encryption certificate (a rotation without <c>Previous</c>, another install's file) would
/// find no usable key and make one of its own, encrypted to a certificate the other hosts do not have: their sign-ins
/// and antiforgery tokens would then fail on whichever host answers. It stops the start instead, before the ring is
/// used.
/// </summary>
internal static class KeyRingReadability
{
    /// <summary>Throws <see cref="ServerStartException"/> naming the first key of the ring this host cannot decrypt.</summary>
    public static void Check(IServiceProvider services, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        foreach (var key in services.GetRequiredService<IKeyManager>().GetAllKeys())
        {
            if (key.IsRevoked || key.ExpirationDate <= now)
            {
                continue;
            }

            try
            {
                // The descriptor is the key's material: reading it decrypts the key's XML.
                _ = key.Descriptor;
            }
            catch (CryptographicException e)
            {
                var encryption = services.GetRequiredService<KeyRingEncryption>();
                var section = $"{ServeOptions.Section}:{KeyRingOptions.Section}";
                throw new ServerStartException(encryption.Certificate is null
                    ? $"{section}:Certificate: key {key.KeyId} of the data-protection key ring in {encryption.RingLocation} is encrypted to a certificate, and none is configured; give the one every host sharing the ring has."
                    : $"{section}:Certificate: key {key.KeyId} of the data-protection key ring in {encryption.RingLocation} cannot be decrypted with the configured certificate; after a rotation keep the one before in {section}:Previous (every host sharing the ring needs the same certificates).", e);
            }
        }
    }
}
