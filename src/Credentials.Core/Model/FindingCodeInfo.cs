namespace Credentials.Model;

/// <summary>One row of the finding code table (<c>Model/finding-codes.json</c>).</summary>
/// <param name="Code">The code.</param>
/// <param name="WireName">The code as exports and messages write it in every language, e.g. <c>NOT_BASE_45</c>; stable across releases.</param>
/// <param name="Step">The verification step that reports it (EC ePRC spec §5, 1–7); null for a code only issuance reports.</param>
/// <param name="MessageKey">The message key of what the code means in general, a template without placeholders.</param>
public sealed record FindingCodeInfo(FindingCode Code, string WireName, int? Step, string MessageKey);
