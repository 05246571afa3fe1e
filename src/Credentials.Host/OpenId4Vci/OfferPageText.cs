namespace Credentials.Host.OpenId4Vci;

/// <summary>The words of the offer pages, in the visitor's language (EN, NL, FR, DE; English for any other).</summary>
public sealed record OfferPageText(
    string NewTitle,
    string NewIntro,
    string DocumentLabel,
    string TxCodeLabel,
    string Create,
    string OfferTitle,
    string ScanIntro,
    string PhoneLink,
    string TxCodeIntro,
    string Expires,
    string Redeemed,
    string Gone,
    string UnknownDocument,
    string NotYours,
    string BadForm)
{
    public static OfferPageText For(string language) => language switch
    {
        "nl" => new("Portefeuille-aanbod maken", "Maak een aanbod waarmee de houder het opgeslagen document in zijn digitale portefeuille zet.", "Document-id (jti)", "Met transactiecode (apart aan de houder bezorgd)", "Aanbod maken", "Aanbod voor de portefeuille", "Laat de houder deze QR-code scannen met zijn portefeuille-app.", "Op de telefoon van de houder: deze link openen", "Transactiecode, langs een ander kanaal aan de houder te bezorgen:", "Geldig tot", "De portefeuille heeft dit aanbod opgehaald.", "Dit aanbod wacht niet meer: het is opgehaald, vervangen of verlopen.", "Er is geen opgeslagen document met die id.", "Dit document is van een instelling waarvoor u niet mag uitgeven.", "Het formulier was verlopen of onvolledig; probeer opnieuw."),
        "fr" => new("Créer une offre pour le portefeuille", "Créez une offre par laquelle le titulaire importe le document enregistré dans son portefeuille numérique.", "Identifiant du document (jti)", "Avec code de transaction (remis séparément au titulaire)", "Créer l'offre", "Offre pour le portefeuille", "Faites scanner ce code QR par l'application portefeuille du titulaire.", "Sur le téléphone du titulaire : ouvrir ce lien", "Code de transaction, à remettre au titulaire par un autre canal :", "Valable jusqu'au", "Le portefeuille a retiré cette offre.", "Cette offre n'attend plus : retirée, remplacée ou expirée.", "Aucun document enregistré ne porte cet identifiant.", "Ce document relève d'une institution pour laquelle vous ne pouvez pas émettre.", "Le formulaire avait expiré ou était incomplet ; réessayez."),
        "de" => new("Wallet-Angebot erstellen", "Erstellen Sie ein Angebot, mit dem der Inhaber das gespeicherte Dokument in seine digitale Wallet übernimmt.", "Dokument-ID (jti)", "Mit Transaktionscode (dem Inhaber getrennt übermittelt)", "Angebot erstellen", "Angebot für die Wallet", "Lassen Sie den Inhaber diesen QR-Code mit seiner Wallet-App scannen.", "Auf dem Telefon des Inhabers: diesen Link öffnen", "Transaktionscode, dem Inhaber auf anderem Weg zu übermitteln:", "Gültig bis", "Die Wallet hat dieses Angebot abgeholt.", "Dieses Angebot wartet nicht mehr: abgeholt, ersetzt oder abgelaufen.", "Es gibt kein gespeichertes Dokument mit dieser ID.", "Dieses Dokument gehört zu einer Einrichtung, für die Sie nicht ausstellen dürfen.", "Das Formular war abgelaufen oder unvollständig; bitte erneut versuchen."),
        _ => new("Create a wallet offer", "Create an offer with which the holder imports the stored document into their digital wallet.", "Document id (jti)", "With a transaction code (given to the holder separately)", "Create the offer", "Offer for the wallet", "Let the holder scan this QR code with their wallet app.", "On the holder's phone: open this link", "Transaction code, to be given to the holder by another channel:", "Valid until", "The wallet has taken this offer.", "This offer no longer waits: taken, replaced or expired.", "No stored document has that id.", "This document belongs to an institution you may not issue for.", "The form had expired or was incomplete; try again."),
    };
}
