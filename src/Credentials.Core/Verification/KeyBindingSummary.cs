namespace Credentials.Verification;

/// <summary>What a presentation's Key Binding came to (RFC 9901 §7.3): required by the verifier's policy or not, whether a KB-JWT came with it, and whether it was verified.</summary>
/// <param name="Required">Whether the policy required Key Binding (never inferred from what the holder sent).</param>
/// <param name="Presented">Whether the presentation carried a Key Binding JWT.</param>
/// <param name="Verified">Whether that Key Binding JWT passed every check.</param>
public sealed record KeyBindingSummary(bool Required, bool Presented, bool Verified)
{
    /// <summary>The presentation came without Key Binding and the policy allowed it: a report says so.</summary>
    public bool AbsentButAllowed => !Required && !Presented;
}
