using System.Text.Json.Nodes;

namespace Credentials.Tests.Support;

internal static class PayloadEdit
{
    /// <summary>Sets (or, with null, removes) a member addressed as <c>sid</c> or <c>prc.fn</c>.</summary>
    public static void Set(JsonObject payload, string member, string? value)
    {
        var parts = member.Split('.');
        var target = parts.Length == 2 ? payload[parts[0]]!.AsObject() : payload;
        if (value is null)
        {
            target.Remove(parts[^1]);
        }
        else
        {
            target[parts[^1]] = value;
        }
    }
}
