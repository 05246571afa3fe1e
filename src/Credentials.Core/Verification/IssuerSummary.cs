namespace Credentials.Verification;

/// <summary>Who signed an approved document, as the export names it (spec §7, block 4).</summary>
public sealed record IssuerSummary(string Country, string OfficialId, string Name, string Kid);
