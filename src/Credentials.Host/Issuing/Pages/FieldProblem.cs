namespace Credentials.Host.Issuing.Pages;

/// <summary>A problem shown on a page: the form field it is beside (null: above the form) and its message in the page's language.</summary>
public sealed record FieldProblem(string? Field, string Message);
