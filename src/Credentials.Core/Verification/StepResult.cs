namespace Credentials.Verification;

/// <summary>The result of one verification step (spec §7, block 3).</summary>
public enum StepResult
{
    /// <summary>The check was made and holds.</summary>
    Passed,

    /// <summary>The check failed: the document is rejected and later steps are not run.</summary>
    NotPassed,

    /// <summary>A non-blocking check failed, or there was nothing to check (no `jti`/`rid`).</summary>
    Warning,

    /// <summary>The check could not be made (e.g. the revocation list is unavailable); never read as passed.</summary>
    NotApplicable,
}

/// <summary>The step results' names as the specification writes them.</summary>
public static class StepResultNames
{
    /// <summary>The result as the spec writes it: PASSED, NOT PASSED, WARNING, N/A.</summary>
    public static string ToWireName(this StepResult result) => result switch
    {
        StepResult.Passed => "PASSED",
        StepResult.NotPassed => "NOT PASSED",
        StepResult.Warning => "WARNING",
        StepResult.NotApplicable => "N/A",
        _ => throw new ArgumentOutOfRangeException(nameof(result)),
    };
}
