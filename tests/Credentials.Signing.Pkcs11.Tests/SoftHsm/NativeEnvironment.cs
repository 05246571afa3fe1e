using System.Runtime.InteropServices;

namespace Credentials.Signing.Pkcs11.Tests.SoftHsm;

/// <summary>
/// Sets an environment variable where native code reads it. .NET on Linux keeps its own copy of the environment:
/// <see cref="Environment.SetEnvironmentVariable(string, string)"/> changes that copy (and what child processes
/// inherit) but not the C library's, which is where SoftHSM2 looks for <c>SOFTHSM2_CONF</c>.
/// </summary>
internal static partial class NativeEnvironment
{
    public static void Set(string name, string value)
    {
        Environment.SetEnvironmentVariable(name, value);
        if (!OperatingSystem.IsWindows() && SetEnv(name, value, overwrite: 1) != 0)
        {
            throw new InvalidOperationException($"setenv({name}) failed with error {Marshal.GetLastPInvokeError()}.");
        }
    }

    [LibraryImport("libc", EntryPoint = "setenv", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetEnv(string name, string value, int overwrite);
}
