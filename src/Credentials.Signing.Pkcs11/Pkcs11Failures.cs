using Net.Pkcs11Interop.Common;

namespace Credentials.Signing.Pkcs11;

/// <summary>
/// PKCS#11 return values turned into our one-line errors: the PKCS#11 name of the value is shown (it is what the
/// vendor's documentation lists), never Pkcs11Interop's own text, never the PIN.
/// </summary>
internal static class Pkcs11Failures
{
    /// <summary>
    /// Return values after which the session (or the login, or the handles it knew) is gone but the token may still
    /// be there: the session is dropped, and the operation is tried once more on a new one, with the key looked up
    /// again (PKCS#11 v2.40 base §5.6 C_CloseSession: closing the last session logs the application out, and tokens such as
    /// SoftHSM2 then end the handles of its private objects).
    /// </summary>
    public static bool IsSessionBroken(CKR rv) => rv is CKR.CKR_SESSION_HANDLE_INVALID or CKR.CKR_SESSION_CLOSED
        or CKR.CKR_DEVICE_REMOVED or CKR.CKR_TOKEN_NOT_PRESENT or CKR.CKR_DEVICE_ERROR
        or CKR.CKR_USER_NOT_LOGGED_IN or CKR.CKR_KEY_HANDLE_INVALID or CKR.CKR_OBJECT_HANDLE_INVALID;

    /// <summary>A refused <c>C_Login</c>, by what the user can do about it.</summary>
    public static Pkcs11SignerException Login(string tokenLabel, Pkcs11Exception failure) => failure.RV switch
    {
        // PKCS#11 v2.40 base §5.6 C_Login: a wrong PIN; a PIN of the wrong length or characters is as wrong.
        CKR.CKR_PIN_INCORRECT or CKR.CKR_PIN_INVALID or CKR.CKR_PIN_LEN_RANGE =>
            new(Pkcs11Problem.PinIncorrect, $"the PIN for token '{tokenLabel}' is incorrect (the token counts failed attempts and may lock the PIN).", failure),
        CKR.CKR_PIN_LOCKED =>
            new(Pkcs11Problem.PinLocked, $"the user PIN of token '{tokenLabel}' is locked after too many wrong attempts: its security officer must unlock it.", failure),
        CKR.CKR_PIN_EXPIRED =>
            new(Pkcs11Problem.PinLocked, $"the user PIN of token '{tokenLabel}' has expired: set a new one before signing.", failure),
        CKR.CKR_USER_PIN_NOT_INITIALIZED =>
            new(Pkcs11Problem.PinIncorrect, $"token '{tokenLabel}' has no user PIN yet: its security officer must set one.", failure),
        _ => Operation(tokenLabel, "log in", failure),
    };

    /// <summary>Any other failed operation on the token.</summary>
    public static Pkcs11SignerException Operation(string tokenLabel, string operation, Pkcs11Exception failure) =>
        new(Pkcs11Problem.TokenFailure, $"token '{tokenLabel}' failed to {operation} ({failure.RV}).", failure);
}
