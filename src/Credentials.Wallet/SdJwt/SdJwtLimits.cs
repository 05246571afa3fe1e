using Credentials.Wallet.Jose;

namespace Credentials.Wallet.SdJwt;

/// <summary>Bounds on what is read as an SD-JWT; more is refused with <see cref="SdJwtError.LimitExceeded"/>.</summary>
public sealed record SdJwtLimits
{
    /// <summary>The longest SD-JWT accepted, in characters (default 256 KiB).</summary>
    public int MaxLength { get; init; } = 256 * 1024;

    /// <summary>The most Disclosures accepted (default 512).</summary>
    public int MaxDisclosures { get; init; } = 512;

    /// <summary>The deepest nesting of the processed claims, recursive Disclosures included (default 32).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The limits used when none are given.</summary>
    public static SdJwtLimits Default { get; } = new();

    internal JwsLimits Jws => new() { MaxLength = MaxLength, MaxDepth = MaxDepth };
}
