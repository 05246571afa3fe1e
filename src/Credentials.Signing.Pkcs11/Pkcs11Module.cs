using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Signing.Pkcs11;

/// <summary>
/// A PKCS#11 library loaded and initialised once per process per module file, shared by every signer (and every
/// other user in this process, such as the tests' token setup) that names the same file. PKCS#11 v2.40 base §5.4:
/// <c>C_Initialize</c> and <c>C_Finalize</c> are per application, so two owners of one library would finalise it
/// under each other; the last release finalises and unloads it.
/// </summary>
internal sealed class Pkcs11Module
{
    private static readonly Dictionary<string, Pkcs11Module> Loaded = new(StringComparer.Ordinal);
    private static readonly Lock Gate = new();
    private int users;

    private Pkcs11Module(string path, IPkcs11Library library)
    {
        Path = path;
        Library = library;
    }

    /// <summary>The factories of Pkcs11Interop's high-level API (attributes, mechanisms), shared by every module.</summary>
    public static Pkcs11InteropFactories Factories { get; } = new();

    /// <summary>The module file's full path.</summary>
    public string Path { get; }

    /// <summary>The initialised library.</summary>
    public IPkcs11Library Library { get; }

    /// <summary>The loaded module for <paramref name="modulePath"/>, loading and initialising it on first use; pair with <see cref="Release"/>.</summary>
    public static Pkcs11Module Acquire(string modulePath)
    {
        var path = System.IO.Path.GetFullPath(modulePath);
        lock (Gate)
        {
            if (!Loaded.TryGetValue(path, out var module))
            {
                module = new Pkcs11Module(path, Load(path));
                Loaded.Add(path, module);
            }

            module.users++;
            return module;
        }
    }

    /// <summary>Ends one use; the last finalises the library (<c>C_Finalize</c>, which closes its sessions) and unloads it.</summary>
    public void Release()
    {
        lock (Gate)
        {
            if (--users > 0)
            {
                return;
            }

            Loaded.Remove(Path);

            // Under the lock, so a new Acquire of the same file waits for C_Finalize before its C_Initialize.
            Library.Dispose();
        }
    }

    private static IPkcs11Library Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new Pkcs11SignerException(Pkcs11Problem.ModuleNotFound, $"the PKCS#11 module '{path}' does not exist.");
        }

        Pkcs11InteropNativeLoader.Install();
        try
        {
            // MultiThreaded: the library may use the operating system's locks (CKF_OS_LOCKING_OK), because signers
            // call it from many threads, each on its own session (PKCS#11 v2.40 base §5.4 C_Initialize).
            // Pkcs11Interop accepts CKR_CRYPTOKI_ALREADY_INITIALIZED here, for a library some other code started.
            return Factories.Pkcs11LibraryFactory.LoadPkcs11Library(Factories, path, AppType.MultiThreaded);
        }
        catch (LibraryArchitectureException e)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.NotAPkcs11Module, $"the PKCS#11 module '{path}' is built for another processor architecture than this process.", e);
        }
        catch (UnmanagedException e)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.NotAPkcs11Module, $"'{path}' is not a PKCS#11 library: it could not be loaded, or has no C_GetFunctionList.", e);
        }
        catch (Pkcs11Exception e)
        {
            throw new Pkcs11SignerException(Pkcs11Problem.ModuleFailed, $"the PKCS#11 module '{path}' refused to start ({e.RV}): check its configuration.", e);
        }
    }
}
