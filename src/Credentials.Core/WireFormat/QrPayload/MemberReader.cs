using System.Text;
using System.Text.Json;
using Credentials.Documents;
using Credentials.Model;

namespace Credentials.WireFormat.QrPayload;

/// <summary>
/// Reads the payload's members into typed values by the documents' field rules, adding a finding (with the member's
/// path) for every problem rather than stopping at the first, so an issuer sees the whole list at once. Messages
/// never quote a value that could be personal data.
/// </summary>
internal sealed class MemberReader(List<Finding> findings, PayloadReadMode mode)
{
    public List<Finding> Findings { get; } = findings;

    public PayloadReadMode Mode { get; } = mode;

    public int BlockingCount
    {
        get
        {
            var count = 0;
            foreach (var finding in Findings)
            {
                count += finding.IsBlocking ? 1 : 0;
            }

            return count;
        }
    }

    /// <summary>Every member the schema does not allow, and every member given twice, of one object.</summary>
    public void CheckMembers(WireObject members, string path)
    {
        foreach (var name in members.Unknown?.Keys ?? Enumerable.Empty<string>())
        {
            Findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.NotAllowed(Printable(name)), $"{path}/{Printable(name)}"));
        }

        foreach (var name in members.Duplicates ?? [])
        {
            // RFC 8259 §4 leaves duplicate names undefined; RFC 7515 §5.2 requires rejecting them.
            Findings.Add(Finding.Error(FindingCode.DuplicateMember, PayloadMessages.Duplicate(name), $"{path}/{name}"));
        }
    }

    /// <summary>Reports a required member that is absent; true when it is there.</summary>
    public bool Required(JsonLeaf leaf, string path)
    {
        if (!leaf.IsPresent)
        {
            Findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.Required(path[(path.LastIndexOf('/') + 1)..]), path));
            return false;
        }

        return true;
    }

    /// <summary>A string member, optionally bounded in code points.</summary>
    public string? String(JsonLeaf leaf, string path, int? maxLength = null)
    {
        if (leaf.Kind != JsonValueKind.String)
        {
            Findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.ExpectedString(DecodeMessages.Found(leaf.Kind)), path));
            return null;
        }

        var text = leaf.Text!;
        if (maxLength is { } max && DocumentText.CodePoints(text) is var length && length > max)
        {
            Findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.TooLong(length, max), path));
            return null;
        }

        return text;
    }

    /// <summary>A printed text field by its rule (not blank, no control characters, at most so long).</summary>
    public string? Text(JsonLeaf leaf, string path, DocumentText rule, bool required = true)
    {
        if (!leaf.IsPresent && !required)
        {
            return null;
        }

        if (!Required(leaf, path) || String(leaf, path) is not { } text)
        {
            return null;
        }

        if (rule.Check(text) is { } problem)
        {
            Findings.Add(Finding.Error(problem.Code, problem.Text, path));
            return null;
        }

        return text;
    }

    public IssuingCountry? Country(JsonLeaf leaf, string path)
    {
        if (!Required(leaf, path) || String(leaf, path, maxLength: 2) is not { } code)
        {
            return null;
        }

        if (!IssuingCountry.TryParse(code, out var country, out var wasAlias))
        {
            Findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.NotCountry(Printable(code)), path));
            return null;
        }

        if (wasAlias)
        {
            Findings.Add(Finding.Warning(FindingCode.CountryAlias, PayloadMessages.CountryAlias(), path));
        }

        return country;
    }

    public string? LocalId(JsonLeaf leaf, string path)
    {
        if (!Required(leaf, path) || String(leaf, path) is not { } localId)
        {
            return null;
        }

        if (InstitutionId.DescribeLocalIdProblem(localId) is { } problem)
        {
            Findings.Add(Finding.Error(FindingCode.SchemaViolation, problem, path));
            return null;
        }

        return localId;
    }

    public PartialDate? DateOfBirth(JsonLeaf leaf, string path)
    {
        if (!Required(leaf, path) || String(leaf, path) is not { } text)
        {
            return null;
        }

        if (!PartialDate.TryParse(text, out var date, out var error))
        {
            Findings.Add(Finding.Error(FindingCode.SchemaViolation, error, path));
            return null;
        }

        return date;
    }

    /// <summary>JSON Schema <c>"format": "date"</c>: RFC 3339 full-date.</summary>
    public DateOnly? Date(JsonLeaf leaf, string path, bool required = true)
    {
        if (!leaf.IsPresent && !required)
        {
            return null;
        }

        if (!Required(leaf, path) || String(leaf, path) is not { } text)
        {
            return null;
        }

        if (!FullDate.TryParse(text, out var date))
        {
            Findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.Date(), path));
            return null;
        }

        return date;
    }

    /// <summary>The date of issuance; an issuance request may leave it to the issuer (today).</summary>
    public DateOnly? IssuedOn(JsonLeaf leaf, string path, DateOnly? requestDefault) =>
        !leaf.IsPresent && Mode == PayloadReadMode.Request && requestDefault is { } today ? today : Date(leaf, path);

    /// <summary>Reports a member the profile does not have, when present (e.g. a card's sd).</summary>
    public void NotAllowed(JsonLeaf leaf, string path)
    {
        if (leaf.IsPresent)
        {
            Findings.Add(Finding.Error(FindingCode.SchemaViolation, PayloadMessages.NotAllowed(path[(path.LastIndexOf('/') + 1)..]), path));
        }
    }

    /// <summary>A member name for a message: short and printable, since it comes from untrusted input.</summary>
    public static string Printable(string name)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Take(32))
        {
            builder.Append(char.IsControl(c) ? '?' : c);
        }

        return name.Length > 32 ? builder.Append('…').ToString() : builder.ToString();
    }
}
