using Credentials.Model;

namespace Credentials.Issuance;

/// <summary>The outcome of an issuance: the token when it was signed, and every finding (errors refuse, warnings do not).</summary>
public sealed record IssuanceResult(IssuedQrToken? Document, IReadOnlyList<Finding> Findings)
{
    /// <summary>Whether the document was signed (no finding blocked).</summary>
    public bool Succeeded => Document is not null;

    /// <summary>The findings that refused the request; empty when it was signed.</summary>
    public IEnumerable<Finding> Errors => Findings.Where(f => f.IsBlocking);

    /// <summary>The findings reported without refusing (e.g. a card number with other characters than digits, spec §2).</summary>
    public IEnumerable<Finding> Warnings => Findings.Where(f => !f.IsBlocking);
}
