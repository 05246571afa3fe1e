using System.Text.Json.Serialization;

namespace Credentials.WireFormat.QrPayload;

/// <summary>
/// System.Text.Json source generation for the payload: no reflection at run time. A payload nests two levels deep
/// (the root and the document object), so anything deeper is refused (and bounds the work).
/// </summary>
[JsonSourceGenerationOptions(GenerationMode = JsonSourceGenerationMode.Metadata, MaxDepth = 4, NumberHandling = JsonNumberHandling.Strict)]
[JsonSerializable(typeof(PayloadMembers))]
internal sealed partial class PayloadJsonContext : JsonSerializerContext;
