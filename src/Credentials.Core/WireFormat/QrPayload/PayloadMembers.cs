using System.Text.Json.Serialization;

namespace Credentials.WireFormat.QrPayload;

/// <summary>
/// The payload object (EC ePRC spec §2): the schema id, the optional token id and revocation list, and the document
/// member — <c>prc</c>, or our profiles' <c>ehic</c> or <c>isi</c>.
/// </summary>
internal sealed class PayloadMembers : WireObject
{
    private JsonLeaf sidValue;
    private JsonLeaf jtiValue;
    private JsonLeaf ridValue;
    private PrcMembers? prc;
    private EhicMembers? ehic;
    private IsiMembers? isi;

    [JsonPropertyName("sid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf SchemaId { get => sidValue; set => Assign(ref sidValue, value, "sid"); }

    [JsonPropertyName("jti")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf TokenId { get => jtiValue; set => Assign(ref jtiValue, value, "jti"); }

    [JsonPropertyName("rid")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf RevocationList { get => ridValue; set => Assign(ref ridValue, value, "rid"); }

    [JsonPropertyName("prc")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PrcMembers? Prc { get => prc; set => Assign(ref prc, value, prc is not null, "prc"); }

    [JsonPropertyName("ehic")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public EhicMembers? Ehic { get => ehic; set => Assign(ref ehic, value, ehic is not null, "ehic"); }

    [JsonPropertyName("isi")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IsiMembers? Isi { get => isi; set => Assign(ref isi, value, isi is not null, "isi"); }
}
