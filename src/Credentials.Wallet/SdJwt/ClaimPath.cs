using System.Text;

namespace Credentials.Wallet.SdJwt;

/// <summary>
/// Where a claim sits in the claims of an SD-JWT: member names and array indices from the top. The issuer marks
/// claims selectively disclosable by path, the holder chooses what to disclose by path, and the verifier reports
/// each used Disclosure by path. Compared by value.
/// </summary>
public sealed class ClaimPath : IEquatable<ClaimPath>
{
    private readonly ClaimPathSegment[] segments;

    private ClaimPath(ClaimPathSegment[] segments) => this.segments = segments;

    /// <summary>The top-level claims object itself.</summary>
    public static ClaimPath Root { get; } = new([]);

    /// <summary>The steps, from the top.</summary>
    public IReadOnlyList<ClaimPathSegment> Segments => segments;

    /// <summary>A path from its steps: strings are member names, integers array indices (<c>ClaimPath.Of("nationalities", 0)</c>).</summary>
    public static ClaimPath Of(params ClaimPathSegment[] segments) => new([.. segments ?? throw new ArgumentNullException(nameof(segments))]);

    /// <summary>This path, one member further.</summary>
    public ClaimPath Member(string name) => new([.. segments, ClaimPathSegment.Member(name)]);

    /// <summary>This path, one array element further.</summary>
    public ClaimPath Element(int index) => new([.. segments, ClaimPathSegment.Element(index)]);

    /// <summary>Whether this path is <paramref name="other"/> or lies above it (the claim at <paramref name="other"/> is inside this one).</summary>
    public bool IsPrefixOf(ClaimPath other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return other.segments.Length >= segments.Length && other.segments.AsSpan(0, segments.Length).SequenceEqual(segments);
    }

    /// <inheritdoc/>
    public bool Equals(ClaimPath? other) => other is not null && segments.AsSpan().SequenceEqual(other.segments);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ClaimPath);

    /// <inheritdoc/>
    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var segment in segments)
        {
            hash.Add(segment);
        }

        return hash.ToHashCode();
    }

    /// <summary>The path as a JSON Pointer (RFC 6901), e.g. <c>/address/street_address</c> or <c>/nationalities/0</c>.</summary>
    public override string ToString()
    {
        if (segments.Length == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            text.Append('/').Append(segment.ToString().Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
        }

        return text.ToString();
    }
}
