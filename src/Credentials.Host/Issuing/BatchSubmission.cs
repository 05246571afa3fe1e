namespace Credentials.Host.Issuing;

/// <summary>What a batch upload came to: the job's id, or the HTTP status and problem of a refusal (with the lines it names).</summary>
internal sealed record BatchSubmission(string? JobId, int Status, string Code, string Detail);
