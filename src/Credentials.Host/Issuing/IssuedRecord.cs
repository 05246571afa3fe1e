using Credentials.Model;

namespace Credentials.Host.Issuing;

/// <summary>A document as the host delivered it, with its state now.</summary>
/// <param name="Id">Its <c>jti</c>.</param>
/// <param name="Institution">The institution that issued it.</param>
/// <param name="Kind">The payload's schema id (PRC, eEHIC, ISI+).</param>
/// <param name="DocumentNumber">Its card number, or its <c>jti</c> when it has none (the wallet credential's <c>document_number</c>).</param>
/// <param name="QrText">The QR text delivered (its PDF is printed from it again, never signed again).</param>
/// <param name="IssuedAt">When the host signed it.</param>
/// <param name="State">Valid, suspended or revoked.</param>
internal sealed record IssuedRecord(string Id, InstitutionId Institution, string Kind, string DocumentNumber, string QrText, DateTimeOffset IssuedAt, DocumentState State);
