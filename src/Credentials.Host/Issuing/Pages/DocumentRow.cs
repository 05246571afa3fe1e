namespace Credentials.Host.Issuing.Pages;

/// <summary>One document in the documents page's results.</summary>
public sealed record DocumentRow(string Id, string Number, string Institution, string Kind, DateTimeOffset IssuedAt, string State);
