using System.Buffers.Binary;
using System.Text;

namespace Credentials.Signing.Pkcs11;

/// <summary>One attribute's value as the token returned it (PKCS#11 v2.40 base §5.7 C_GetAttributeValue), or unreadable (sensitive, or unknown to the token).</summary>
internal readonly record struct Pkcs11Attribute(byte[]? Value)
{
    /// <summary>An attribute the token did not reveal.</summary>
    public static Pkcs11Attribute Unreadable { get; } = new(null);

    /// <summary>Whether the token revealed the value.</summary>
    public bool IsReadable => Value is not null;

    /// <summary>A <c>CK_BBOOL</c>: one byte, non-zero for true; <paramref name="otherwise"/> when unreadable.</summary>
    public bool AsBool(bool otherwise) => Value is { Length: > 0 } v ? v[0] != 0 : otherwise;

    /// <summary>A <c>CK_ULONG</c> in this machine's byte order and word size; null when unreadable.</summary>
    public ulong? AsULong() => Value switch
    {
        { Length: 8 } v => BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt64LittleEndian(v) : BinaryPrimitives.ReadUInt64BigEndian(v),
        { Length: 4 } v => BitConverter.IsLittleEndian ? BinaryPrimitives.ReadUInt32LittleEndian(v) : BinaryPrimitives.ReadUInt32BigEndian(v),
        _ => null,
    };

    /// <summary>A UTF-8 string such as <c>CKA_LABEL</c>; empty when unreadable.</summary>
    public string AsString() => Value is null ? string.Empty : Encoding.UTF8.GetString(Value);
}
