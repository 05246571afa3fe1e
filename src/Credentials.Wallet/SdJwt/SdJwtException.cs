namespace Credentials.Wallet.SdJwt;

/// <summary>Carries a failure out of the depth of processing to the API boundary, where it becomes a result.</summary>
internal sealed class SdJwtException(SdJwtError code, string message) : Exception(message)
{
    public SdJwtFailure Failure { get; } = new(code, message);
}
