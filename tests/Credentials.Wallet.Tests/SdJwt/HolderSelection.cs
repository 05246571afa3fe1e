using System.Text.Json;
using System.Text.Json.Nodes;
using Credentials.Wallet.SdJwt;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>
/// The sd-jwt-python rules for <c>holder_disclosed_claims</c> (vector README), turned into the claim paths our
/// holder is asked to disclose.
/// </summary>
internal static class HolderSelection
{
    public static List<ClaimPath> Paths(JsonNode? claims, JsonNode? spec, IReadOnlySet<ClaimPath> selectivelyDisclosable)
    {
        var result = new List<ClaimPath>();
        Walk(claims, spec, ClaimPath.Root, selectivelyDisclosable, result);
        return result;
    }

    private static void Walk(JsonNode? claims, JsonNode? spec, ClaimPath path, IReadOnlySet<ClaimPath> sd, List<ClaimPath> result)
    {
        switch (claims)
        {
            case JsonObject obj when spec is JsonObject specObject:
                foreach (var (name, value) in obj)
                {
                    var member = path.Member(name);
                    var present = specObject.TryGetPropertyValue(name, out var entry);
                    if (sd.Contains(member))
                    {
                        // In an object: disclosed when present and truthy (Python truthiness).
                        if (present && Truthy(entry))
                        {
                            result.Add(member);
                            Walk(value, entry, member, sd, result);
                        }
                    }
                    else if (present)
                    {
                        Walk(value, entry, member, sd, result);
                    }
                }

                break;
            case JsonArray array when spec is JsonArray specArray:
                for (var i = 0; i < array.Count; i++)
                {
                    var element = path.Element(i);
                    var entry = i < specArray.Count ? specArray[i] : null;
                    if (sd.Contains(element))
                    {
                        // In an array: disclosed unless the entry is false, null or absent.
                        if (entry is not null && !(entry.GetValueKind() == JsonValueKind.False))
                        {
                            result.Add(element);
                            Walk(array[i], entry, element, sd, result);
                        }
                    }
                    else
                    {
                        Walk(array[i], entry, element, sd, result);
                    }
                }

                break;
        }
    }

    private static bool Truthy(JsonNode? node) => node switch
    {
        null => false,
        JsonObject obj => obj.Count > 0,
        JsonArray array => array.Count > 0,
        _ => node.GetValueKind() switch
        {
            JsonValueKind.True => true,
            JsonValueKind.String => node.GetValue<string>().Length > 0,
            JsonValueKind.Number => node.GetValue<decimal>() != 0,
            _ => false,
        },
    };
}
