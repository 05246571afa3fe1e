namespace Credentials.Host.Issuing;

/// <summary>One request of a batch job: its line in the file, the <c>jti</c> fixed for it when the job was taken, and how it went.</summary>
/// <param name="Line">The 1-based line (record) number in the uploaded file.</param>
/// <param name="Id">The document's <c>jti</c> (given by the request or fixed at submission), null for a line that is no request.</param>
/// <param name="Request">The request JSON while it waits; dropped once it is issued or failed.</param>
/// <param name="State"><c>pending</c>, <c>issued</c> or <c>failed</c>.</param>
/// <param name="Problems">Why it failed: fields and codes, never the request's content.</param>
internal sealed record BatchItem(long Line, string? Id, byte[]? Request, string State, string? Problems);
