namespace Credentials.Verification;

/// <summary>The verifier's answer (spec §5 step 8, §7 block 4).</summary>
public enum Conclusion
{
    Approved,
    Rejected,
}
