using Credentials.Model;

namespace Credentials.Issuance;

/// <summary>The outcome of an issuance: the token when it was signed, and every finding (errors refuse, warnings do not).</summary>
public sealed record IssuanceResult(IssuedQrToken? Document, IReadOnlyList<Finding> Findings)
{
    public bool Succeeded => Document is not null;

    public IEnumerable<Finding> Errors => Findings.Where(f => f.IsBlocking);

    public IEnumerable<Finding> Warnings => Findings.Where(f => !f.IsBlocking);
}
