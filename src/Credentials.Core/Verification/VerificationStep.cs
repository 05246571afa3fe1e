namespace Credentials.Verification;

/// <summary>The eight steps of the verifier (EC ePRC spec §5), numbered as the spec numbers them.</summary>
public enum VerificationStep
{
    /// <summary>1: the treatment date lies in [1900-01-01, today].</summary>
    TreatmentDate = 1,

    /// <summary>2: the QR text decodes: Base45, zlib, the compact JWS (spec §3).</summary>
    Decode = 2,

    /// <summary>3: the payload follows the schema its <c>sid</c> names; the header's <c>kid</c> and <c>alg</c> follow theirs.</summary>
    Validate = 3,

    /// <summary>4: the registry links exactly one certificate for the <c>kid</c> to the authentic source, and the signature verifies with it.</summary>
    ResolveKey = 4,

    /// <summary>5: the certificate and the accreditation on the date of issuance, and the document's date rules (spec §2).</summary>
    BusinessChecks = 5,

    /// <summary>6: the document's status (a revocation list when <c>jti</c> and <c>rid</c> are present).</summary>
    Revocation = 6,

    /// <summary>7: the treatment date lies in the days the document covers.</summary>
    TreatmentPeriod = 7,

    /// <summary>8: approved or rejected, with the reason.</summary>
    Conclusion = 8,
}

/// <summary>Names of the steps for people.</summary>
public static class VerificationStepNames
{
    /// <summary>The step's title in English, from the label data (<see cref="Labels.MessageCatalog.StepTitle"/> for another language).</summary>
    public static string Title(this VerificationStep step) => Labels.MessageCatalog.English.StepTitle(step);

    /// <summary>The step's stable name in export schema 2.0, e.g. <c>resolve-key</c> (specs/verification-export.md).</summary>
    public static string ToWireName(this VerificationStep step) => step switch
    {
        VerificationStep.TreatmentDate => "treatment-date",
        VerificationStep.Decode => "decode",
        VerificationStep.Validate => "validate",
        VerificationStep.ResolveKey => "resolve-key",
        VerificationStep.BusinessChecks => "business-checks",
        VerificationStep.Revocation => "revocation",
        VerificationStep.TreatmentPeriod => "treatment-period",
        VerificationStep.Conclusion => "conclusion",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };
}
