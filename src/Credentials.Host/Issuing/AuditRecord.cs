namespace Credentials.Host.Issuing;

/// <summary>One write as the audit trail keeps it: who, for which institution, what, on which document or job (by id, never its content), when.</summary>
internal sealed record AuditRecord(DateTimeOffset At, string Actor, string Institution, string Action, string Subject);
