namespace Credentials.Host.Verify;

/// <summary>
/// The nonces this host gives verifiers for key binding (RFC 9901 §7.3 step 5.6: the KB-JWT's <c>nonce</c> must be
/// the one the verifier chose for this presentation). Each is single-use and expires, so a presentation cannot be
/// replayed. One instance serves every request; a store shared by several hosts behind a load balancer implements
/// the same interface.
/// </summary>
internal interface IPresentationNonces
{
    /// <summary>How long a nonce may be used after it was given.</summary>
    TimeSpan Lifetime { get; }

    /// <summary>A fresh nonce (at least 128 random bits, base64url) and when it expires.</summary>
    (string Nonce, DateTimeOffset ExpiresAt) Issue();

    /// <summary>Uses up <paramref name="nonce"/>: true when it was given by <see cref="Issue"/>, has not expired and was not used before; it cannot be used again either way.</summary>
    bool TryConsume(string nonce);
}
