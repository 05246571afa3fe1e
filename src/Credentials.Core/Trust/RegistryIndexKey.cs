using Credentials.Model;
using Credentials.WireFormat;

namespace Credentials.Trust;

/// <summary>
/// The trust registry's lookup key, (certificate digest, institution), packed into plain numbers: the index
/// compares keys inside its own entry array without following a pointer to a string, which keeps a lookup at
/// a couple of memory accesses however large the registry (150,000 certificates: tests/Credentials.Benchmarks).
/// </summary>
internal readonly record struct RegistryIndexKey
{
    private readonly CertificateDigest digest;
    private readonly ulong localId;
    private readonly ushort country;

    public RegistryIndexKey(CertificateDigest digest, InstitutionId institution)
    {
        this.digest = digest;
        localId = PackLocalId(institution.LocalId);
        var code = institution.Country.Code;
        country = (ushort)(code[0] << 8 | code[1]);
    }

    // The digest is uniformly random already: mixed with the institution, it is a good hash.
    public override int GetHashCode() => HashCode.Combine(digest.Part0, localId, country);

    /// <summary>A local id is 4 to 10 of A-Z a-z 0-9 (<see cref="InstitutionId"/>): 6 bits a character, 0 for none.</summary>
    private static ulong PackLocalId(string localId)
    {
        ulong packed = 0;
        foreach (var c in localId)
        {
            var symbol = c switch
            {
                >= '0' and <= '9' => c - '0' + 1,
                >= 'A' and <= 'Z' => c - 'A' + 11,
                _ => c - 'a' + 37,
            };
            packed = packed << 6 | (uint)symbol;
        }

        return packed;
    }
}
