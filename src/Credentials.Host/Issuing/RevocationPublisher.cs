using System.Collections.Concurrent;
using System.Text;
using Credentials.IO;
using Credentials.Model;
using Credentials.Revocation;
using Credentials.WireFormat;

namespace Credentials.Host.Issuing;

/// <summary>
/// Signs the revocation list (specs/revocation-list.md) of each institution the host signs for, from the issuer
/// database: every revoked document (for good) and every suspended one (until reinstated), with the institution's
/// current key. The signed list is kept in the issuer database, so every host sharing it serves the latest one at
/// <c>/revocation/{CC}-{ID}/documents</c> (the <c>rid</c> the host writes into the documents it issues), whichever
/// host changed it; the publications of one list take turns across the hosts, each reading the list inside its turn,
/// so concurrent changes all land. A copy goes into the served folder too, in the same turn (replaced under a lock
/// through a unique temporary file), for an operator's backup or a static server.
/// </summary>
internal sealed class RevocationPublisher(IssuingStore store, InstitutionSigners signers, string folder, TimeSpan validity, TimeProvider time)
{
    /// <summary>The list's name under the institution's folder.</summary>
    public const string ListName = "documents";

    private readonly ConcurrentDictionary<InstitutionId, DateTimeOffset> nextUpdates = new();

    /// <summary>The list's path under the served folder and under <c>/revocation/</c>: <c>BE-0120/documents</c>.</summary>
    public static string RelativePath(InstitutionId institution) => $"{institution.Country}-{institution.LocalId}/{ListName}";

    /// <summary>The list file of <paramref name="institution"/>.</summary>
    public string FileOf(InstitutionId institution) => Path.Combine(folder, $"{institution.Country}-{institution.LocalId}", ListName);

    /// <summary>When the list of <paramref name="institution"/> signed by this host is due for its next update, or null before the first.</summary>
    public DateTimeOffset? NextUpdate(InstitutionId institution) => nextUpdates.TryGetValue(institution, out var next) ? next : null;

    /// <summary>Signs the institution's list now; false when the host has no key valid now for it.</summary>
    public bool Publish(InstitutionId institution)
    {
        if (signers.Current(institution) is not { } signer)
        {
            return false;
        }

        var path = FileOf(institution);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var nextUpdate = DateTimeOffset.MinValue;
        store.PublishRevocationList(RelativePath(institution), institution, listed =>
        {
            // In the list's turn: the folder's copy is written in the same order as the database's.
            var now = time.GetUtcNow();
            var list = new RevocationList(institution, now, now + validity, listed);
            var jwt = RevocationListFormat.Sign(list, new JwsSigner(signer));
            using (var held = SharedFile.Lock(path))
            {
                held.Replace(Encoding.ASCII.GetBytes(jwt));
            }

            nextUpdate = list.NextUpdate;
            return (jwt, list.NextUpdate);
        });
        nextUpdates[institution] = nextUpdate;
        return true;
    }

    /// <summary>
    /// Re-signs each list never signed by this process or past half its validity, so a list is never served expired
    /// (a verifier treats an expired list as unknown status). Returns the institutions re-signed.
    /// </summary>
    public IReadOnlyList<InstitutionId> RenewDue()
    {
        var now = time.GetUtcNow();
        var renewed = new List<InstitutionId>();
        foreach (var institution in signers.Institutions)
        {
            if ((NextUpdate(institution) is not { } next || next - (validity / 2) <= now) && Publish(institution))
            {
                renewed.Add(institution);
            }
        }

        return renewed;
    }
}
