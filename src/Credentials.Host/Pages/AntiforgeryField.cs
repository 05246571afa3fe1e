namespace Credentials.Host.Pages;

/// <summary>The hidden field every form of the pages carries (ASP.NET Core antiforgery: a token tied to a cookie).</summary>
/// <param name="Name">The field's name.</param>
/// <param name="Value">The request token.</param>
public sealed record AntiforgeryField(string Name, string Value);
