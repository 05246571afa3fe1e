using System.Text.Json.Serialization;

namespace Credentials.WireFormat.QrPayload;

/// <summary>The members of our ISI+ profile's <c>isi</c> object (specs/isi-token.md): the national number <c>nn</c>, no card number, validity di..xd.</summary>
internal sealed class IsiMembers : WireObject
{
    private JsonLeaf icValue;
    private JsonLeaf fnValue;
    private JsonLeaf gnValue;
    private JsonLeaf dobValue;
    private JsonLeaf nnValue;
    private JsonLeaf inValue;
    private JsonLeaf iiValue;
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

    [JsonPropertyName("nn")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf NationalNumber { get => nnValue; set => Assign(ref nnValue, value, "nn"); }

    [JsonPropertyName("in")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf InstitutionName { get => inValue; set => Assign(ref inValue, value, "in"); }

    [JsonPropertyName("ii")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf InstitutionId { get => iiValue; set => Assign(ref iiValue, value, "ii"); }

    [JsonPropertyName("xd")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf ValidUntil { get => xdValue; set => Assign(ref xdValue, value, "xd"); }

    [JsonPropertyName("di")]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public JsonLeaf IssuedOn { get => diValue; set => Assign(ref diValue, value, "di"); }
}
