namespace Credentials.Wallet.Jose;

/// <summary>Bounds on what a JWS parse accepts: it refuses more, with the reason, before decoding anything.</summary>
public sealed record JwsLimits
{
    /// <summary>The longest serialization accepted, in characters (default 256 KiB).</summary>
    public int MaxLength { get; init; } = 256 * 1024;

    /// <summary>The deepest JSON nesting accepted in a header or payload (default 32).</summary>
    public int MaxDepth { get; init; } = 32;

    /// <summary>The most signatures a JWS JSON General Serialization may carry (default 4).</summary>
    public int MaxSignatures { get; init; } = 4;

    /// <summary>The limits used when none are given.</summary>
    public static JwsLimits Default { get; } = new();
}
