using System.Data.Common;
using Credentials.Database;

namespace Credentials.Storage.Issuance;

/// <summary>
/// The units of work of the issuer's database, as every store over it (the issued documents, the host's deliveries,
/// batches and audit) runs them: a failure of the database is an <see cref="IssuerStateException"/> with its one-line
/// reason.
/// </summary>
public static class IssuerDatabase
{
    /// <summary>Runs <paramref name="work"/> in a write transaction (see <see cref="StateDatabase.Write{T}"/>; <paramref name="turn"/> serialises writers of one thing across hosts).</summary>
    public static T WriteIssuerState<T>(this StateDatabase database, string? turn, Func<DbConnection, DbTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            return database.Write(turn, work);
        }
        catch (DatabaseException e)
        {
            throw new IssuerStateException($"the issuer database failed: {e.Message}", e);
        }
    }

    /// <summary>Runs <paramref name="work"/> in a read transaction (see <see cref="StateDatabase.Read{T}"/>).</summary>
    public static T ReadIssuerState<T>(this StateDatabase database, Func<DbConnection, DbTransaction, T> work)
    {
        ArgumentNullException.ThrowIfNull(database);
        try
        {
            return database.Read(work);
        }
        catch (DatabaseException e)
        {
            throw new IssuerStateException($"the issuer database failed: {e.Message}", e);
        }
    }
}
