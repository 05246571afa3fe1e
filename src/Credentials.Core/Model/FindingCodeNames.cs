using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace Credentials.Model;

/// <summary>
/// The finding code table, kept as data (<c>Model/finding-codes.json</c>, embedded): each code's wire name, the step
/// that reports it and its default message key. The wire names are part of our formats (the verification export) and
/// never derived from the enum's names, so renaming a member changes nothing on the wire.
/// </summary>
public static class FindingCodeNames
{
    private const string ResourceName = "Credentials.Model.finding-codes.json";

    private static readonly Lazy<Table> Rows = new(Load);

    /// <summary>Every row, in the table's order.</summary>
    public static IReadOnlyList<FindingCodeInfo> All => Rows.Value.InOrder;

    /// <summary>The code's row.</summary>
    public static FindingCodeInfo Info(this FindingCode code) =>
        Rows.Value.ByCode.TryGetValue(code, out var info) ? info : throw new ArgumentOutOfRangeException(nameof(code), code, "the finding code table has no row for this code.");

    /// <summary>The code as written in exports and messages, e.g. <c>NOT_BASE_45</c>.</summary>
    public static string ToWireName(this FindingCode code) => code.Info().WireName;

    /// <summary>The message key of what the code means in general.</summary>
    public static string DefaultMessageKey(this FindingCode code) => code.Info().MessageKey;

    /// <summary>The code written <paramref name="wireName"/>, e.g. in an export read back.</summary>
    public static bool TryParse([NotNullWhen(true)] string? wireName, out FindingCode code)
    {
        code = default;
        if (wireName is not null && Rows.Value.ByWireName.TryGetValue(wireName, out var info))
        {
            code = info.Code;
            return true;
        }

        return false;
    }

    private static Table Load()
    {
        using var stream = typeof(FindingCodeNames).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"the finding code table {ResourceName} is not embedded.");
        using var document = JsonDocument.Parse(stream);
        var rows = new List<FindingCodeInfo>();
        foreach (var row in document.RootElement.EnumerateArray())
        {
            var member = row.GetProperty("member").GetString();
            if (!Enum.TryParse<FindingCode>(member, ignoreCase: false, out var code) || !Enum.IsDefined(code))
            {
                throw new InvalidOperationException($"the finding code table names '{member}', which is not a finding code.");
            }

            var step = row.GetProperty("step");
            rows.Add(new FindingCodeInfo(
                code,
                row.GetProperty("code").GetString()!,
                step.ValueKind == JsonValueKind.Null ? null : step.GetInt32(),
                row.GetProperty("message").GetString()!));
        }

        // A code or a wire name twice is a defect of the table: refuse it rather than pick one.
        return new Table(
            rows,
            rows.ToFrozenDictionary(r => r.Code),
            rows.ToFrozenDictionary(r => r.WireName, StringComparer.Ordinal));
    }

    private sealed record Table(IReadOnlyList<FindingCodeInfo> InOrder, FrozenDictionary<FindingCode, FindingCodeInfo> ByCode, FrozenDictionary<string, FindingCodeInfo> ByWireName);
}
