namespace Credentials.Verification;

/// <summary>The verifier's answer (spec §5 step 8, §7 block 4).</summary>
public enum Conclusion
{
    /// <summary>Every step passed or only warned: the document is authentic, valid and covers the treatment date.</summary>
    Approved,

    /// <summary>A step was NOT PASSED, or could not be made in a way that must not let the document through.</summary>
    Rejected,
}
