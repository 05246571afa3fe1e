using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Credentials.Wallet.SdJwt;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Credentials.Wallet.Tests.SdJwt;

/// <summary>
/// The sd-jwt-python specification files as JSON: <c>!sd</c> on a mapping key or a sequence item marks that claim
/// selectively disclosable (its path is collected); plain scalars resolve as PyYAML (YAML 1.1) resolves the ones
/// these files use (see the vector README).
/// </summary>
internal static partial class YamlClaims
{
    private const string SdTag = "!sd";

    public static YamlMappingNode Load(string path)
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(path);
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    public static YamlNode? Member(YamlMappingNode mapping, string name) =>
        mapping.Children.TryGetValue(new YamlScalarNode(name), out var value) ? value : null;

    /// <summary>A YAML node as JSON, collecting the paths of <c>!sd</c>-tagged keys and items.</summary>
    public static JsonNode? ToJson(YamlNode node, ClaimPath path, List<ClaimPath> selectivelyDisclosable)
    {
        switch (node)
        {
            case YamlMappingNode mapping:
                var obj = new JsonObject();
                foreach (var (key, value) in mapping.Children)
                {
                    var name = ((YamlScalarNode)key).Value ?? string.Empty;
                    var member = path.Member(name);
                    if (IsSd(key))
                    {
                        selectivelyDisclosable.Add(member);
                    }

                    if (IsSd(value) && value is YamlScalarNode)
                    {
                        throw new InvalidOperationException("!sd on a mapping value is not allowed (the vector README).");
                    }

                    obj[name] = ToJson(value, member, selectivelyDisclosable);
                }

                return obj;
            case YamlSequenceNode sequence:
                var array = new JsonArray();
                foreach (var item in sequence.Children)
                {
                    var element = path.Element(array.Count);
                    if (IsSd(item))
                    {
                        selectivelyDisclosable.Add(element);
                    }

                    array.Add(ToJson(item, element, selectivelyDisclosable));
                }

                return array;
            default:
                return Scalar((YamlScalarNode)node);
        }
    }

    /// <summary>A YAML node as JSON, for files without tags (settings, expectations).</summary>
    public static JsonNode? ToJson(YamlNode node) => ToJson(node, ClaimPath.Root, []);

    private static bool IsSd(YamlNode node) => !node.Tag.IsEmpty && !node.Tag.IsNonSpecific && node.Tag.Value == SdTag;

    private static JsonNode? Scalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        // PyYAML's implicit resolvers for the plain scalars in these files; a tagged scalar resolves as untagged.
        return text switch
        {
            "" or "~" or "null" or "Null" or "NULL" => null,
            "true" or "True" or "TRUE" => JsonValue.Create(true),
            "false" or "False" or "FALSE" => JsonValue.Create(false),
            _ when Integer().IsMatch(text) || Float().IsMatch(text) => JsonNode.Parse(text.TrimStart('+')),
            _ => JsonValue.Create(text),
        };
    }

    [GeneratedRegex("^[-+]?(0|[1-9][0-9]*)$")]
    private static partial Regex Integer();

    [GeneratedRegex("^[-+]?([0-9]+\\.[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?$")]
    private static partial Regex Float();
}
