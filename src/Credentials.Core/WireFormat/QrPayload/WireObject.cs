using System.Text.Json;
using System.Text.Json.Serialization;

namespace Credentials.WireFormat.QrPayload;

/// <summary>
/// An object of the payload as System.Text.Json reads it: its known members as properties, every other member kept
/// (so each can be reported: <c>additionalProperties: false</c>), and every member that appeared twice (RFC 7515
/// §5.2 and RFC 8259 §4: duplicate names are refused), so one read lists every problem.
/// </summary>
internal abstract class WireObject
{
    /// <summary>The members the schema does not name.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }

    /// <summary>The known members that appeared more than once, by name.</summary>
    [JsonIgnore]
    public List<string>? Duplicates { get; private set; }

    /// <summary>Keeps a member's value, noting it when the member was already there.</summary>
    protected void Assign<T>(ref T slot, T value, bool present, string name)
    {
        if (present)
        {
            (Duplicates ??= []).Add(name);
        }

        slot = value;
    }

    protected void Assign(ref JsonLeaf slot, JsonLeaf value, string name) => Assign(ref slot, value, slot.IsPresent, name);
}
