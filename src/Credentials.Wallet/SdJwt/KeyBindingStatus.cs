namespace Credentials.Wallet.SdJwt;

/// <summary>Whether the presentation carried a Key Binding JWT, and (when verified) that it was checked in full.</summary>
public enum KeyBindingStatus
{
    /// <summary>No KB-JWT was presented, and the verifier's policy did not require one.</summary>
    Absent,

    /// <summary>A KB-JWT was presented and passed every check of RFC 9901 §7.3 step 5.</summary>
    Verified,
}
