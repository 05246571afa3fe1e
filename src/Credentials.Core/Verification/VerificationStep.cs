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
    public static string Title(this VerificationStep step) => step switch
    {
        VerificationStep.TreatmentDate => "Treatment date",
        VerificationStep.Decode => "Decode QR, Base45, zlib and JWS",
        VerificationStep.Validate => "Validate schema, kid and algorithm",
        VerificationStep.ResolveKey => "Resolve the issuer's key and check the signature",
        VerificationStep.BusinessChecks => "Certificate, accreditation and date rules",
        VerificationStep.Revocation => "Revocation",
        VerificationStep.TreatmentPeriod => "Treatment date within the entitlement",
        VerificationStep.Conclusion => "Conclusion",
        _ => throw new ArgumentOutOfRangeException(nameof(step)),
    };
}
