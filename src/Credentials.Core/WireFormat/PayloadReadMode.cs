namespace Credentials.WireFormat;

/// <summary>What a payload document is: a signed token's payload, or an issuance request in the same shape.</summary>
public enum PayloadReadMode
{
    /// <summary>A token's payload: every mandatory member of spec §2 must be present.</summary>
    Token,

    /// <summary>An issuance request: <c>sid</c> defaults to the current schema and <c>di</c> to the issue date given.</summary>
    Request,
}
