using System.Globalization;
using System.Text;
using Credentials.Model;
using Credentials.Verification;

namespace Credentials.Cli.Output;

/// <summary>The verification report for people: conclusion first, then every step, then the document.</summary>
internal static class ReportPrinter
{
    public static string Format(VerificationReport report)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"{report.Payload?.DocumentName ?? "ePRC"} verification: {(report.IsApproved ? "APPROVED" : "REJECTED")}");
        text.AppendLine(CultureInfo.InvariantCulture, $"  treatment date {report.TreatmentDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "-"}, verified at {report.VerifiedAt.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        foreach (var step in report.Steps)
        {
            var code = step.Code is { } c ? $" [{c.ToWireName()}]" : string.Empty;
            text.AppendLine(CultureInfo.InvariantCulture, $"  {(int)step.Step}. {step.Result.ToWireName(),-10} {step.Step.Title()}{code}");
            text.AppendLine(CultureInfo.InvariantCulture, $"     {step.Message}");
        }

        if (report.IsApproved && report.Issuer is { } issuer && report.Payload is { } payload)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Issuer: {issuer.Country}:{issuer.OfficialId} {issuer.Name} ({issuer.Kid})");
            AppendDocument(text, payload);
        }

        return text.ToString();
    }

    /// <summary>The fields of the S2 form with their numbers, dates as DD/MM/YYYY as the form prints them.</summary>
    private static void AppendDocument(StringBuilder text, PrcPayload payload)
    {
        var prc = payload.Prc;
        var card = payload.IsEhic || payload.IsIsiPlus;
        text.AppendLine(payload.IsEhic ? "European Health Insurance Card (eEHIC):" : payload.IsIsiPlus ? "ISI+ social identification card:" : "Provisional Replacement Certificate:");
        Field(text, "2. Issuing Member State", prc.IssuingCountry.Code);
        Field(text, "3. Name", prc.FamilyName);
        Field(text, "4. Given names", prc.GivenNames);
        Field(text, "5. Date of birth", PrintDate(prc.DateOfBirth));
        Field(text, "6. Personal identification number", prc.PersonalIdentificationNumber);
        Field(text, "7. Institution", $"{prc.Institution.LocalId} - {prc.InstitutionName}");
        Field(text, "8. Card number", prc.CardNumber ?? "-");
        Field(text, "9. Card expiry", prc.CardExpiry is { } xd ? Print(xd) : "-");
        if (card)
        {
            Field(text, "Issued on", Print(prc.IssuedOn));
        }
        else
        {
            Field(text, "(a) Valid from", Print(prc.EntitlementStart));
            Field(text, "(b) Valid until", Print(prc.EntitlementEnd));
            Field(text, "(c) Delivery date", Print(prc.IssuedOn));
        }
    }

    private static void Field(StringBuilder text, string label, string value) =>
        text.AppendLine(CultureInfo.InvariantCulture, $"  {label,-36} {value}");

    private static string Print(DateOnly date) => date.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture);

    private static string PrintDate(PartialDate date) =>
        string.Create(CultureInfo.InvariantCulture, $"{(date.Day == 0 ? "XX" : date.Day.ToString("D2", CultureInfo.InvariantCulture))}/{(date.Month == 0 ? "XX" : date.Month.ToString("D2", CultureInfo.InvariantCulture))}/{date.Year:D4}");
}
