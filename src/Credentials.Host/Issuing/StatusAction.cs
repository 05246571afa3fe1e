namespace Credentials.Host.Issuing;

/// <summary>A change of a document's state in every channel.</summary>
internal enum StatusAction
{
    /// <summary>Revoke, for good.</summary>
    Revoke,

    /// <summary>Suspend until reinstated.</summary>
    Suspend,

    /// <summary>Reinstate a suspended document.</summary>
    Reinstate,
}
