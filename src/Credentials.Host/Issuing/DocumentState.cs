namespace Credentials.Host.Issuing;

/// <summary>A delivered document's state in every channel (its QR revocation list entry, its wallet credentials' status bits).</summary>
internal enum DocumentState
{
    /// <summary>Neither revoked nor suspended.</summary>
    Valid,

    /// <summary>Suspended: on the revocation list and its wallet credentials suspended, until reinstated.</summary>
    Suspended,

    /// <summary>Revoked, for good.</summary>
    Revoked,
}
