namespace Credentials.Host.Issuing.Pages;

/// <summary>One document in the documents page's results; its kind as the form names it (<c>prc</c>, <c>ehic</c>, <c>isi</c>).</summary>
public sealed record DocumentRow(string Id, string Number, string Institution, string Kind, DateTimeOffset IssuedAt, string State);
