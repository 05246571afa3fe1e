namespace Credentials.Wallet.SdJwt;

/// <summary>One step of a <see cref="ClaimPath"/>: an object member by name or an array element by index.</summary>
public readonly record struct ClaimPathSegment
{
    private ClaimPathSegment(string? name, int index)
    {
        Name = name;
        Index = index;
    }

    /// <summary>The member name, or null for an array index.</summary>
    public string? Name { get; }

    /// <summary>The array index (0-based), or -1 for a member name.</summary>
    public int Index { get; }

    /// <summary>Whether this step is an array index.</summary>
    public bool IsIndex => Name is null;

    /// <summary>A step into an object member.</summary>
    public static ClaimPathSegment Member(string name) => new(name ?? throw new ArgumentNullException(nameof(name)), -1);

    /// <summary>A step into an array element.</summary>
    public static ClaimPathSegment Element(int index) =>
        index >= 0 ? new(null, index) : throw new ArgumentOutOfRangeException(nameof(index), index, "an array index is 0 or more.");

    /// <summary>A member name as a step.</summary>
    public static implicit operator ClaimPathSegment(string name) => Member(name);

    /// <summary>An array index as a step.</summary>
    public static implicit operator ClaimPathSegment(int index) => Element(index);

    /// <inheritdoc/>
    public override string ToString() => Name is null ? Index.ToString(System.Globalization.CultureInfo.InvariantCulture) : Name;
}
