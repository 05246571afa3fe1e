using Credentials.Host.Pages;

namespace Credentials.Host.Accounts;

/// <summary>What the sign-in and sign-out pages show.</summary>
public sealed record SignInPageModel
{
    public required PageLabels Labels { get; init; }

    public required SignInLabels Words { get; init; }

    public required AntiforgeryField Antiforgery { get; init; }

    /// <summary>Where to go once signed in: a path of this host.</summary>
    public string ReturnUrl { get; init; } = "/";

    /// <summary>The user name typed before, kept after a refusal (never the password).</summary>
    public string? UserName { get; init; }

    /// <summary>Why the last attempt was refused, if it was.</summary>
    public string? Problem { get; init; }

    /// <summary>Whether local accounts may sign in here.</summary>
    public bool LocalAccounts { get; init; }

    /// <summary>The OpenID provider's name for its button, when one is configured.</summary>
    public string? OpenIdConnect { get; init; }

    /// <summary>The signed-in person's name, on the sign-out page.</summary>
    public string? SignedInAs { get; init; }

    /// <summary>The institutions the signed-in person may act for, on the sign-out page.</summary>
    public IReadOnlyList<string> Institutions { get; init; } = [];
}
