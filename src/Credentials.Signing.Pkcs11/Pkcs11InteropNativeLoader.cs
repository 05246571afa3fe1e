using System.Reflection;
using System.Runtime.InteropServices;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Signing.Pkcs11;

/// <summary>
/// Lets Pkcs11Interop find <c>dlopen</c> on Linux without development packages. It imports <c>dlopen</c>,
/// <c>dlsym</c>, <c>dlclose</c> and <c>dlerror</c> from "libdl", which resolves only where the unversioned
/// <c>libdl.so</c> link exists (Debian and Ubuntu ship it in libc6-dev, not in the runtime). The resolver, as
/// Pkcs11Interop's maintainers advise, maps that name to the runtime's <c>libdl.so.2</c>, or to <c>libc.so.6</c>,
/// which holds these functions since glibc 2.34.
/// </summary>
internal static class Pkcs11InteropNativeLoader
{
    private static int installed;

    /// <summary>Installs the resolver once per process; an application that set its own for Pkcs11Interop keeps it.</summary>
    public static void Install()
    {
        if (Interlocked.Exchange(ref installed, 1) != 0 || !OperatingSystem.IsLinux())
        {
            return;
        }

        try
        {
            NativeLibrary.SetDllImportResolver(typeof(IPkcs11Library).Assembly, Resolve);
        }
        catch (InvalidOperationException)
        {
            // A resolver is already set for Pkcs11Interop (only one is allowed per assembly): it is the application's choice.
        }
    }

    private static IntPtr Resolve(string libraryName, Assembly assembly, DllImportSearchPath? searchPath)
    {
        if (libraryName != "libdl")
        {
            return IntPtr.Zero;
        }

        foreach (var candidate in (string[])["libdl.so.2", "libc.so.6", "libdl.so"])
        {
            if (NativeLibrary.TryLoad(candidate, assembly, searchPath, out var handle))
            {
                return handle;
            }
        }

        return IntPtr.Zero;
    }
}
