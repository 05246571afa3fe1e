using Credentials.Database;
using Credentials.Storage.Accounts;
using Credentials.Storage.Issuance;
using Credentials.Storage.StatusLists;

namespace Credentials.Storage;

/// <summary>
/// The components of the issuer's state database (one SQLite file, or tables in the shared PostgreSQL database), each
/// with its own migration sequence and version: what <c>credentials store copy</c> migrates and copies. A new kind of
/// state (issued documents, offers, nonces …) is one more component here.
/// </summary>
public static class IssuerStateSchema
{
    /// <summary>Every component, in the order a copy writes them (a component after those its tables refer to).</summary>
    public static IReadOnlyList<SchemaComponent> Components { get; } = [StatusListSchema.Component, IssuedDocumentSchema.Component, AccountSchema.Component, Offers.OfferSchema.Component, HostIssuingSchema.Component];

    /// <summary>
    /// The issuing host's own tables beside the issued documents (what it delivered, suspensions, batch jobs, the
    /// audit trail, the revocation lists it signed), for the host's store to migrate and for a copy to carry.
    /// </summary>
    public static SchemaComponent HostIssuing => HostIssuingSchema.Component;
}
