using System.Globalization;
using System.Text;
using Credentials.Documents;
using Credentials.Model;
using Credentials.Verification;

namespace Credentials.Cli.Output;

/// <summary>The verification report for people: conclusion first, then every step, then the document.</summary>
internal static class ReportPrinter
{
    public static string Format(VerificationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Document?.Name ?? "QR code"} verification: {(report.IsApproved ? "APPROVED" : "REJECTED")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  treatment date {report.TreatmentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}, verified at {report.VerifiedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        foreach (var step in report.Steps)
        {
            var code = step.Code is { } c ? $" [{c.ToWireName()}]" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {(int)step.Step}. {step.Result.ToWireName(),-10} {step.Step.Title()}{code}");
            text.AppendLine(CultureInfo.InvariantCulture, $"     {step.Message}");
        }

        if (report.IsApproved && report.Issuer is { } issuer && report.Document is { } document)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Issuer: {issuer.Country}:{issuer.OfficialId} {issuer.Name} ({issuer.Kid})");
            document.Match<object?>(prc => AppendPrc(text, prc), ehic => AppendEhic(text, ehic), isi => AppendIsiPlus(text, isi));
        }

        return text.ToString();
    }

    /// <summary>The fields of the S2 form with their numbers, dates as DD/MM/YYYY as the form prints them.</summary>
    private static object? AppendPrc(StringBuilder text, ProvisionalReplacementCertificate prc)
    {
        text.AppendLine("Provisional Replacement Certificate:");
        AppendHolder(text, prc);
        Field(text, "6. Personal identification number", prc.PersonalIdentificationNumber);
        Field(text, "7. Institution", $"{prc.Institution.Id.LocalId} - {prc.Institution.Name}");
        Field(text, "8. Card number", prc.CardNumber ?? "-");
        Field(text, "9. Card expiry", prc.CardExpiry is { } xd ? Print(xd) : "-");
        Field(text, "(a) Valid from", Print(prc.EntitlementStart));
        Field(text, "(b) Valid until", Print(prc.EntitlementEnd));
        Field(text, "(c) Delivery date", Print(prc.IssuedOn));
        return null;
    }

    private static object? AppendEhic(StringBuilder text, EuropeanHealthInsuranceCard card)
    {
        text.AppendLine("European Health Insurance Card (eEHIC):");
        AppendHolder(text, card);
        Field(text, "6. Personal identification number", card.PersonalIdentificationNumber);
        Field(text, "7. Institution", $"{card.Institution.Id.LocalId} - {card.Institution.Name}");
        Field(text, "8. Card number", card.CardNumber);
        Field(text, "9. Expiry date", Print(card.Expiry));
        Field(text, "Issued on", Print(card.IssuedOn));
        return null;
    }

    private static object? AppendIsiPlus(StringBuilder text, IsiPlusCard card)
    {
        text.AppendLine("ISI+ social identification card:");
        AppendHolder(text, card);
        Field(text, "National number", card.NationalNumber.Printed);
        Field(text, "Health insurance fund", $"{card.Institution.Id.LocalId} - {card.Institution.Name}");
        Field(text, "Issued on", Print(card.IssuedOn));
        Field(text, "Valid until", Print(card.ValidUntil));
        return null;
    }

    private static void AppendHolder(StringBuilder text, HealthInsuranceDocument document)
    {
        Field(text, "2. Issuing Member State", document.IssuingCountry.Code);
        Field(text, "3. Name", document.Holder.FamilyName);
        Field(text, "4. Given names", document.Holder.GivenNames);
        Field(text, "5. Date of birth", PrintDate(document.Holder.DateOfBirth));
    }

    private static void Field(StringBuilder text, string label, string value) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"  {label,-36} {value}");

    private static string Print(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    /// <summary>As the PDFs print it: DD/MM/YYYY with 00 for an unknown day or month.</summary>
    private static string PrintDate(PartialDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{date.Day:D2}/{date.Month:D2}/{date.Year:D4}");
}
