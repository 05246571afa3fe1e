namespace Credentials.Signing.Pkcs11;

/// <summary>Why a PKCS#11 signer could not be opened or could not sign.</summary>
public enum Pkcs11Problem
{
    /// <summary>The options are incomplete or out of range (no token label, no PIN, a key id that is not hex …).</summary>
    InvalidOptions,

    /// <summary>The module file does not exist.</summary>
    ModuleNotFound,

    /// <summary>The module file exists but is not a PKCS#11 library for this process (not loadable, no <c>C_GetFunctionList</c>).</summary>
    NotAPkcs11Module,

    /// <summary>The module loaded but refused to start (<c>C_Initialize</c> failed, e.g. a broken configuration).</summary>
    ModuleFailed,

    /// <summary>No initialised token has the label asked for; the message lists the labels found.</summary>
    TokenNotFound,

    /// <summary>Several tokens have the label asked for.</summary>
    TokenAmbiguous,

    /// <summary>The user PIN was refused (<c>CKR_PIN_INCORRECT</c>).</summary>
    PinIncorrect,

    /// <summary>The user PIN is locked after too many wrong attempts (<c>CKR_PIN_LOCKED</c>), or has expired.</summary>
    PinLocked,

    /// <summary>No private key on the token has the label (and id) asked for; the message lists the labels found.</summary>
    KeyNotFound,

    /// <summary>Several private keys have the label asked for: the key id tells them apart.</summary>
    KeyAmbiguous,

    /// <summary>The key is neither EC P-256 nor RSA of 2048 bits or more.</summary>
    KeyTypeUnsupported,

    /// <summary>The key may not sign (<c>CKA_SIGN</c> false), or wants its PIN again for every signature.</summary>
    SigningNotAllowed,

    /// <summary>The key can leave the token (<c>CKA_EXTRACTABLE</c> true or <c>CKA_SENSITIVE</c> false) and that was not allowed.</summary>
    KeyExtractable,

    /// <summary>Neither a public key object nor a certificate for the key is on the token, and none was given.</summary>
    PublicKeyNotFound,

    /// <summary>The public key found for the key does not verify the key's signatures: the objects are mislabelled.</summary>
    PublicKeyMismatch,

    /// <summary>No certificate for the key is on the token, and none was given.</summary>
    CertificateNotFound,

    /// <summary>The certificate given or found is not the key's (their public keys differ).</summary>
    CertificateMismatch,

    /// <summary>The token failed an operation (removed, out of sessions, a device error); the message names the PKCS#11 return value.</summary>
    TokenFailure,
}
