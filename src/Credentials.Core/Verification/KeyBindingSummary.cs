namespace Credentials.Verification;

/// <summary>What a presentation's Key Binding came to (RFC 9901 §7.3): required by the verifier's policy or not, and whether a KB-JWT was verified.</summary>
/// <param name="Required">Whether the policy required Key Binding (never inferred from what the holder sent).</param>
/// <param name="Verified">Whether a Key Binding JWT was presented and verified.</param>
public sealed record KeyBindingSummary(bool Required, bool Verified)
{
    /// <summary>The presentation came without Key Binding and the policy allowed it: a report says so.</summary>
    public bool AbsentButAllowed => !Required && !Verified;
}
