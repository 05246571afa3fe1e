using System.Runtime.InteropServices;
using System.Text;
using Microsoft.Win32.SafeHandles;

namespace Credentials.IO;

/// <summary>
/// Whether the lock file a writer holds is still the file at the lock's path, so that a lock file can be deleted
/// when it is released (see <see cref="SharedFileLock"/>). Linux's <c>statx(2)</c> gives the inode and device of
/// both, in a layout that is the same on every architecture; elsewhere (or where the call is refused) the check is
/// not available and lock files are kept.
/// </summary>
internal static class LockFileIdentity
{
    // statx(2): AT_FDCWD, AT_EMPTY_PATH (the descriptor itself), STATX_INO; struct statx is 256 bytes, stx_ino
    // at offset 32, stx_dev_major and stx_dev_minor (4 bytes each) at 136 (include/uapi/linux/stat.h).
    private const int AtCurrentFolder = -100;
    private const int AtEmptyPath = 0x1000;
    private const uint StatxInode = 0x100;
    private const int StatxSize = 256;
    private const int InodeOffset = 32;
    private const int DeviceOffset = 136;

    private static readonly Lazy<bool> Works = new(Probe);

    /// <summary>True where the identity of a held lock file can be checked: only then are lock files deleted.</summary>
    public static bool IsAvailable => Works.Value;

    /// <summary>True when <paramref name="held"/> (a descriptor of a lock file) is the file now at <paramref name="path"/>.</summary>
    public static bool IsAtPath(SafeFileHandle held, string path)
    {
        var ofHandle = new byte[StatxSize];
        var ofPath = new byte[StatxSize];
        var fd = (int)held.DangerousGetHandle();
        if (Statx(fd, [0], AtEmptyPath, StatxInode, ofHandle) != 0)
        {
            return false;
        }

        if (Statx(AtCurrentFolder, [.. Encoding.UTF8.GetBytes(path), 0], 0, StatxInode, ofPath) != 0)
        {
            return false; // deleted by the writer before us: the file we locked is no longer the lock
        }

        return Same(ofHandle, ofPath, InodeOffset, 8) && Same(ofHandle, ofPath, DeviceOffset, 8);
    }

    private static bool Same(byte[] a, byte[] b, int offset, int length) => a.AsSpan(offset, length).SequenceEqual(b.AsSpan(offset, length));

    private static bool Probe()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            var buffer = new byte[StatxSize];
            return Statx(AtCurrentFolder, [.. "/"u8, 0], 0, StatxInode, buffer) == 0 && BitConverter.ToUInt64(buffer, InodeOffset) != 0;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // a C library without statx (glibc before 2.28): lock files are kept
        }
    }

#pragma warning disable SYSLIB1054 // LibraryImport needs unsafe code in this package; the signature is blittable as it is.
    [DllImport("libc", EntryPoint = "statx", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Statx(int folder, byte[] path, int flags, uint mask, byte[] result);
#pragma warning restore SYSLIB1054
}
