using System.Text.Json.Serialization;

namespace Credentials.WireFormat.QrPayload;

/// <summary>The members of our eEHIC profile's <c>ehic</c> object (specs/ehic-token.md): S2 fields 2–9 and the date of issue; no sd/ed, the card is valid di..xd.</summary>
internal sealed class EhicMembers : WireObject
{
    private JsonLeaf icValue;
    private JsonLeaf fnValue;
    private JsonLeaf gnValue;
    private JsonLeaf dobValue;
    private JsonLeaf hiValue;
    private JsonLeaf inValue;
    private JsonLeaf iiValue;
    private JsonLeaf ciValue;
    private JsonLeaf xdValue;
    private JsonLeaf diValue;

    [JsonPropertyName("ic")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf IssuingCountry { get => icValue; set => Assign(ref icValue, value, "ic"); }

    [JsonPropertyName("fn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf FamilyName { get => fnValue; set => Assign(ref fnValue, value, "fn"); }

    [JsonPropertyName("gn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf GivenNames { get => gnValue; set => Assign(ref gnValue, value, "gn"); }

    [JsonPropertyName("dob")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf DateOfBirth { get => dobValue; set => Assign(ref dobValue, value, "dob"); }

    [JsonPropertyName("hi")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf PersonalNumber { get => hiValue; set => Assign(ref hiValue, value, "hi"); }

    [JsonPropertyName("in")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf InstitutionName { get => inValue; set => Assign(ref inValue, value, "in"); }

    [JsonPropertyName("ii")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf InstitutionId { get => iiValue; set => Assign(ref iiValue, value, "ii"); }

    [JsonPropertyName("ci")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf CardNumber { get => ciValue; set => Assign(ref ciValue, value, "ci"); }

    [JsonPropertyName("xd")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf Expiry { get => xdValue; set => Assign(ref xdValue, value, "xd"); }

    [JsonPropertyName("di")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf IssuedOn { get => diValue; set => Assign(ref diValue, value, "di"); }
}
