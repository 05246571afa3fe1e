using System.Collections.Frozen;

namespace Credentials.Host.Accounts;

/// <summary>The words of the sign-in and sign-out pages, in the languages of the other pages (English, Dutch, French, German).</summary>
public sealed record SignInLabels(
    string Title,
    string Intro,
    string UserName,
    string Password,
    string Submit,
    string Refused,
    string WithOpenIdConnect,
    string NoWayIn,
    string SignOutTitle,
    string SignedInAs,
    string SignOutSubmit,
    string BadForm,
    string Institutions)
{
    private static readonly FrozenDictionary<string, SignInLabels> All = new Dictionary<string, SignInLabels>(StringComparer.Ordinal)
    {
        ["en"] = new("Sign in", "Staff of an insurer sign in to issue and revoke documents.", "User name", "Password", "Sign in", "The user name or password is not right, or the account cannot sign in now.", "Sign in with {0}", "No sign-in is configured on this host: ask its operator.", "Sign out", "Signed in as {0}.", "Sign out", "The form has expired: try again.", "May issue and revoke for"),
        ["nl"] = new("Aanmelden", "Medewerkers van een verzekeraar melden zich aan om documenten uit te geven en in te trekken.", "Gebruikersnaam", "Wachtwoord", "Aanmelden", "De gebruikersnaam of het wachtwoord klopt niet, of de account kan zich nu niet aanmelden.", "Aanmelden met {0}", "Op deze host is geen aanmelding ingesteld: vraag het de beheerder.", "Afmelden", "Aangemeld als {0}.", "Afmelden", "Het formulier is verlopen: probeer opnieuw.", "Mag uitgeven en intrekken voor"),
        ["fr"] = new("Se connecter", "Le personnel d'un assureur se connecte pour délivrer et révoquer des documents.", "Nom d'utilisateur", "Mot de passe", "Se connecter", "Le nom d'utilisateur ou le mot de passe n'est pas correct, ou le compte ne peut pas se connecter maintenant.", "Se connecter avec {0}", "Aucune connexion n'est configurée sur cet hôte : demandez à son opérateur.", "Se déconnecter", "Connecté en tant que {0}.", "Se déconnecter", "Le formulaire a expiré : réessayez.", "Peut délivrer et révoquer pour"),
        ["de"] = new("Anmelden", "Mitarbeitende eines Versicherers melden sich an, um Dokumente auszustellen und zu widerrufen.", "Benutzername", "Passwort", "Anmelden", "Benutzername oder Passwort stimmen nicht, oder das Konto kann sich jetzt nicht anmelden.", "Anmelden mit {0}", "Auf diesem Host ist keine Anmeldung eingerichtet: fragen Sie den Betreiber.", "Abmelden", "Angemeldet als {0}.", "Abmelden", "Das Formular ist abgelaufen: bitte erneut versuchen.", "Darf ausstellen und widerrufen für"),
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The words in the page's language (English when there are none in it).</summary>
    public static SignInLabels Get(string code) => All.TryGetValue(code, out var labels) ? labels : All["en"];

    /// <summary>The languages the sign-in pages speak.</summary>
    public static IReadOnlyCollection<string> Languages => All.Keys;
}
