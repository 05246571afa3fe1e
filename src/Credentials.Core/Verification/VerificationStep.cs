namespace Credentials.Verification;

/// <summary>The eight steps of the verifier (EC ePRC spec §5), numbered as the spec numbers them.</summary>
public enum VerificationStep
{
    TreatmentDate = 1,
    Decode = 2,
    Validate = 3,
    ResolveKey = 4,
    BusinessChecks = 5,
    Revocation = 6,
    TreatmentPeriod = 7,
    Conclusion = 8,
}

public static class VerificationStepNames
{
    /// <summary>The step's title in English, from the label data (<see cref="Labels.MessageCatalog.StepTitle"/> for another language).</summary>
    public static string Title(this VerificationStep step) => Labels.MessageCatalog.English.StepTitle(step);
}
