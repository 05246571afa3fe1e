using System.Collections.Concurrent;
using System.Security.Cryptography;
using Net.Pkcs11Interop.Common;
using Net.Pkcs11Interop.HighLevelAPI;

namespace Credentials.Signing.Pkcs11;

/// <summary>
/// Sessions on one token, lent one at a time: a PKCS#11 session runs one operation at a time and must not be used
/// by two threads at once (PKCS#11 v2.40 base §5.6, session management), so every signature borrows a session and returns it. At most
/// <c>size</c> sessions exist at once. The login is the application's, not the session's (§5.6 C_Login), so a session
/// opened while the user is logged in is logged in too; a session that finds the login gone logs in again.
/// </summary>
internal sealed class Pkcs11SessionPool : IDisposable
{
    private readonly ISlot slot;
    private readonly string tokenLabel;
    private readonly byte[] pin;
    private readonly int size;
    private readonly SemaphoreSlim permits;
    private readonly ConcurrentStack<ISession> idle = new();
    private int opened;
    private volatile bool disposed;

    /// <summary>A pool of at most <paramref name="size"/> sessions on <paramref name="slot"/>'s token, logging in with <paramref name="pin"/> (copied).</summary>
    public Pkcs11SessionPool(ISlot slot, string tokenLabel, ReadOnlySpan<byte> pin, int size)
    {
        this.slot = slot;
        this.tokenLabel = tokenLabel;
        this.pin = pin.ToArray();
        this.size = size;
        permits = new SemaphoreSlim(size, size);
    }

    /// <summary>How many sessions the pool has opened so far (more than its size only after broken ones were replaced).</summary>
    public int SessionsOpened => Volatile.Read(ref opened);

    /// <summary>
    /// A session for the caller alone, logged in; waits while all sessions are lent. With <paramref name="fresh"/>,
    /// a newly opened one (an idle one is closed in its place), for a retry after a session broke.
    /// </summary>
    public ISession Borrow(bool fresh = false)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        permits.Wait();
        if (disposed)
        {
            permits.Release();
            throw new ObjectDisposedException(nameof(Pkcs11SessionPool));
        }

        if (idle.TryPop(out var session))
        {
            if (!fresh)
            {
                return session;
            }

            Close(session);
        }

        try
        {
            return Open();
        }
        catch
        {
            permits.Release();
            throw;
        }
    }

    /// <summary>Gives back a session that works.</summary>
    public void Return(ISession session)
    {
        if (disposed)
        {
            Close(session);
        }
        else
        {
            idle.Push(session);
        }

        permits.Release();
    }

    /// <summary>Gives back a session that failed in a way that may have broken it: it is closed, and a new one will be opened when needed.</summary>
    public void Discard(ISession session)
    {
        Close(session);
        permits.Release();
    }

    /// <summary>Waits for the lent sessions to come back, closes every session and clears the PIN.</summary>
    public void Dispose()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        for (var i = 0; i < size; i++)
        {
            permits.Wait();
        }

        while (idle.TryPop(out var session))
        {
            Close(session);
        }

        CryptographicOperations.ZeroMemory(pin);

        // Wake any caller that was waiting for a session: it finds the pool disposed.
        permits.Release(size);
    }

    private static void Close(ISession session)
    {
        try
        {
            session.Dispose();
        }
        catch (Pkcs11Exception)
        {
            // A session that is already gone (closed by the token, the device removed) cannot be closed again.
        }
    }

    private ISession Open()
    {
        ISession session;
        try
        {
            // Read-only is enough to sign with a token object (PKCS#11 v2.40 base §5.6 C_OpenSession: R/O user functions).
            session = slot.OpenSession(SessionType.ReadOnly);
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Failures.Operation(tokenLabel, "open a session", e);
        }

        Interlocked.Increment(ref opened);
        try
        {
            LogIn(session);
            return session;
        }
        catch
        {
            Close(session);
            throw;
        }
    }

    private void LogIn(ISession session)
    {
        try
        {
            if (session.GetSessionInfo().State is CKS.CKS_RO_USER_FUNCTIONS or CKS.CKS_RW_USER_FUNCTIONS)
            {
                return;
            }

            session.Login(CKU.CKU_USER, pin);
        }
        catch (Pkcs11Exception e) when (e.RV == CKR.CKR_USER_ALREADY_LOGGED_IN)
        {
            // Another session of this application logged in meanwhile: the login is shared (PKCS#11 v2.40 base §5.6 C_Login).
        }
        catch (Pkcs11Exception e)
        {
            throw Pkcs11Failures.Login(tokenLabel, e);
        }
    }
}
