using System.Data.Common;
using Credentials.Database;
using Credentials.Storage.Issuance;

namespace Credentials.Storage.Offers;

/// <summary>
/// The wallet-import state of OpenID4VCI 1.0 (offers, pre-authorized codes, transaction codes, <c>c_nonce</c> values,
/// token keys), in an SQLite file for one machine or in PostgreSQL for several hosts sharing it. Everything that must
/// happen once happens in one conditional statement (<c>UPDATE … RETURNING</c>, <c>DELETE … RETURNING</c>), never a
/// read followed by a write, so two hosts racing for one code or one nonce get one success between them: the
/// database's row lock decides. Only digests of the secrets are stored. Each operation takes a pooled connection, so
/// one instance is safe to share between threads.
/// </summary>
public sealed class OfferStore : IDisposable
{
    /// <summary>OpenID4VCI 1.0 §3.5 leaves the count to the issuer: five wrong transaction codes and the code dies.</summary>
    public const int TxCodeTries = 5;

    private const string OfferColumns = "id, document_id, institution, configuration_id, tx_code_hash, state, expires_at";

    private readonly StateDatabase database;

    private OfferStore(StateDatabase database) => this.database = database;

    /// <summary>Where the state is, for messages: the file, or the PostgreSQL server without user or password.</summary>
    public string Location => database.Location.Display;

    /// <summary>
    /// Opens the state at <paramref name="location"/> (an SQLite file, created when missing, in WAL mode; or PostgreSQL)
    /// and applies the missing migrations. Throws <see cref="IssuerStateException"/> with one line naming the place.
    /// </summary>
    public static OfferStore Open(DatabaseLocation location, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentNullException.ThrowIfNull(time);
        try
        {
            // SqliteDurability.Normal: no fsync of its own per commit. A power loss (not a crash of the host) may undo
            // the last commits: an offer or nonce taken just before it comes back for its remaining lifetime (minutes),
            // while a credential issued from it stays recorded in the issuer database, which keeps FULL. For this
            // short-lived state that is the usual trade, and it keeps an fsync out of every token, nonce and
            // credential request.
            return new OfferStore(StateDatabase.Open(location, [OfferSchema.Component], time.GetUtcNow(), SqliteDurability.Normal));
        }
        catch (DatabaseException e)
        {
            throw new IssuerStateException($"the wallet offer database {location.Display} cannot be used: {e.Message}", e);
        }
    }

    /// <summary>
    /// Records a new offer; an earlier offer for the same document that no wallet redeemed yet stops working (a new
    /// offer replaces the old one, e.g. one given to the holder that expired unused). One redeemed already keeps its
    /// credential request.
    /// </summary>
    public void Create(NewOffer offer, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(offer);
        Run(write: true, (connection, transaction) =>
        {
            SqlCommands.Execute(connection, transaction, "DELETE FROM wallet_offers WHERE document_id = @document AND state = 'offered';", ("@document", offer.DocumentId));
            SqlCommands.Execute(
                connection,
                transaction,
                "INSERT INTO wallet_offers (id, reference_hash, code_hash, tx_code_hash, tx_tries_left, document_id, institution, configuration_id, state, created_at, expires_at) " +
                "VALUES (@id, @reference, @code, @tx, @tries, @document, @institution, @configuration, 'offered', @now, @expires);",
                ("@id", offer.Id),
                ("@reference", offer.ReferenceHash),
                ("@code", offer.CodeHash),
                ("@tx", offer.TxCodeHash ?? string.Empty),
                ("@tries", offer.TxCodeHash is null ? 0 : TxCodeTries),
                ("@document", offer.DocumentId),
                ("@institution", offer.Institution),
                ("@configuration", offer.ConfigurationId),
                ("@now", now.ToUnixTimeMilliseconds()),
                ("@expires", offer.ExpiresAt.ToUnixTimeMilliseconds()));
            return 0;
        });
    }

    /// <summary>The live (unexpired) offer with this id digest, redeemed or not, or null.</summary>
    public PendingOffer? Find(string id, DateTimeOffset now) => FindWhere("id = @value", id, now);

    /// <summary>The live offer not yet redeemed whose <c>credential_offer_uri</c> secret has this digest, or null.</summary>
    public PendingOffer? FindByReference(string referenceHash, DateTimeOffset now) => FindWhere("reference_hash = @value AND state = 'offered'", referenceHash, now);

    /// <summary>
    /// Redeems a pre-authorized code (OpenID4VCI 1.0 §6.1) in one conditional update: an offer still offered, not
    /// expired, whose transaction code (if it has one) is given and matches, becomes redeemed, and then lives until
    /// <paramref name="redeemedUntil"/> for its one credential request; a wrong transaction code costs one of its
    /// tries. <paramref name="txCodeHash"/> is the digest of the code given, or null when none was.
    /// </summary>
    public Redemption Redeem(string codeHash, string? txCodeHash, DateTimeOffset now, DateTimeOffset redeemedUntil)
    {
        ArgumentNullException.ThrowIfNull(codeHash);
        var tx = txCodeHash ?? string.Empty;
        return Run(write: true, (connection, transaction) =>
        {
            using var command = SqlCommands.Command(
                connection,
                transaction,
                "UPDATE wallet_offers SET " +
                "state = CASE WHEN tx_code_hash = '' OR tx_code_hash = @tx THEN 'redeemed' ELSE state END, " +
                "tx_tries_left = CASE WHEN tx_code_hash = '' OR tx_code_hash = @tx THEN tx_tries_left ELSE tx_tries_left - 1 END, " +
                "expires_at = CASE WHEN tx_code_hash = '' OR tx_code_hash = @tx THEN @until ELSE expires_at END " +
                "WHERE code_hash = @code AND state = 'offered' AND expires_at > @now AND (tx_code_hash = '' OR (@tx <> '' AND tx_tries_left > 0)) " +
                $"RETURNING {OfferColumns}, tx_tries_left;",
                ("@tx", tx),
                ("@until", redeemedUntil.ToUnixTimeMilliseconds()),
                ("@code", codeHash),
                ("@now", now.ToUnixTimeMilliseconds()));
            using (var reader = command.ExecuteReader())
            {
                if (reader.Read())
                {
                    var offer = ReadOffer(reader);
                    return offer.Redeemed ? new Redemption.Redeemed(offer) : new Redemption.TxCodeWrong(reader.GetInt32(7));
                }
            }

            // Nothing changed: say why, from a read that decides nothing (the code stays as it is).
            if (tx.Length == 0 && SqlCommands.Scalar(
                connection,
                transaction,
                "SELECT 1 FROM wallet_offers WHERE code_hash = @code AND state = 'offered' AND expires_at > @now AND tx_code_hash <> '' AND tx_tries_left > 0;",
                ("@code", codeHash),
                ("@now", now.ToUnixTimeMilliseconds())) is not null)
            {
                return new Redemption.TxCodeMissing();
            }

            return (Redemption)new Redemption.Unknown();
        });
    }

    /// <summary>
    /// Takes a redeemed offer of the configuration asked for, for its credential request, and deletes it, in one
    /// statement: the document it was for, or null when it was taken already, expired, or offered another
    /// configuration. Its data waits no longer than this.
    /// </summary>
    public PendingOffer? TakeRedeemed(string id, string configurationId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(configurationId);
        return Run(write: true, (connection, transaction) =>
        {
            using var command = SqlCommands.Command(connection, transaction, $"DELETE FROM wallet_offers WHERE id = @id AND configuration_id = @configuration AND state = 'redeemed' AND expires_at > @now RETURNING {OfferColumns};", ("@id", id), ("@configuration", configurationId), ("@now", now.ToUnixTimeMilliseconds()));
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadOffer(reader) : null;
        });
    }

    /// <summary>Records a fresh <c>c_nonce</c> by its digest (OpenID4VCI 1.0 §7).</summary>
    public void AddNonce(string nonceHash, DateTimeOffset expiresAt)
    {
        ArgumentNullException.ThrowIfNull(nonceHash);
        Run(write: true, (connection, transaction) => SqlCommands.Execute(connection, transaction, "INSERT INTO wallet_nonces (nonce_hash, expires_at) VALUES (@hash, @expires);", ("@hash", nonceHash), ("@expires", expiresAt.ToUnixTimeMilliseconds())));
    }

    /// <summary>Uses a <c>c_nonce</c> up, in one statement: true for exactly one caller when it was live, false otherwise.</summary>
    public bool TakeNonce(string nonceHash, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(nonceHash);
        return Run(write: true, (connection, transaction) =>
            SqlCommands.Scalar(connection, transaction, "DELETE FROM wallet_nonces WHERE nonce_hash = @hash AND expires_at > @now RETURNING 1;", ("@hash", nonceHash), ("@now", now.ToUnixTimeMilliseconds())) is not null);
    }

    /// <summary>Deletes every expired offer (with the data waiting in it) and every expired nonce; how many rows went.</summary>
    public int Sweep(DateTimeOffset now) => Run(write: true, (connection, transaction) =>
        SqlCommands.Execute(connection, transaction, "DELETE FROM wallet_offers WHERE expires_at <= @now;", ("@now", now.ToUnixTimeMilliseconds()))
        + SqlCommands.Execute(connection, transaction, "DELETE FROM wallet_nonces WHERE expires_at <= @now;", ("@now", now.ToUnixTimeMilliseconds())));

    /// <summary>
    /// The token key kept for <paramref name="purpose"/>: the one a host stored first, else <paramref name="create"/>'s,
    /// stored now. Every host sharing the database gets the same bytes.
    /// </summary>
    public byte[] TokenKey(string purpose, Func<byte[]> create, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        ArgumentNullException.ThrowIfNull(create);
        return Run(write: true, (connection, transaction) =>
        {
            if (SqlCommands.Scalar(connection, transaction, "SELECT key_bytes FROM wallet_token_keys WHERE purpose = @purpose;", ("@purpose", purpose)) is byte[] existing)
            {
                return existing;
            }

            SqlCommands.Execute(connection, transaction, "INSERT INTO wallet_token_keys (purpose, key_bytes, created_at) VALUES (@purpose, @key, @now) ON CONFLICT (purpose) DO NOTHING;", ("@purpose", purpose), ("@key", create()), ("@now", now.ToUnixTimeMilliseconds()));
            return (byte[])SqlCommands.Scalar(connection, transaction, "SELECT key_bytes FROM wallet_token_keys WHERE purpose = @purpose;", ("@purpose", purpose))!;
        });
    }

    /// <summary>Every token key whose purpose starts with <paramref name="prefix"/>, oldest first.</summary>
    public IReadOnlyList<StoredTokenKey> TokenKeys(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        return Run(write: false, (connection, transaction) =>
        {
            // The prefix is ours (a constant), never a caller's text: a LIKE pattern without escapes is safe here, and
            // the comparison below keeps only exact prefixes.
            using var command = SqlCommands.Command(connection, transaction, "SELECT purpose, key_bytes, created_at FROM wallet_token_keys WHERE purpose LIKE @pattern ORDER BY created_at, purpose;", ("@pattern", prefix + "%"));
            using var reader = command.ExecuteReader();
            var keys = new List<StoredTokenKey>();
            while (reader.Read())
            {
                var purpose = reader.GetString(0);
                if (purpose.StartsWith(prefix, StringComparison.Ordinal))
                {
                    keys.Add(new StoredTokenKey(purpose, (byte[])reader[1], DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(2))));
                }
            }

            return keys;
        });
    }

    /// <summary>Deletes the token key kept for <paramref name="purpose"/> (a retired or a replaced one); whether there was one.</summary>
    public bool DeleteTokenKey(string purpose)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return Run(write: true, (connection, transaction) =>
            SqlCommands.Execute(connection, transaction, "DELETE FROM wallet_token_keys WHERE purpose = @purpose;", ("@purpose", purpose)) > 0);
    }

    /// <inheritdoc/>
    public void Dispose() => database.Dispose();

    private PendingOffer? FindWhere(string where, string value, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(value);
        return Run(write: false, (connection, transaction) =>
        {
            using var command = SqlCommands.Command(connection, transaction, $"SELECT {OfferColumns} FROM wallet_offers WHERE {where} AND expires_at > @now;", ("@value", value), ("@now", now.ToUnixTimeMilliseconds()));
            using var reader = command.ExecuteReader();
            return reader.Read() ? ReadOffer(reader) : null;
        });
    }

    private static PendingOffer ReadOffer(DbDataReader reader) => new(
        reader.GetString(0),
        reader.GetString(1),
        reader.GetString(2),
        reader.GetString(3),
        reader.GetString(4).Length > 0,
        reader.GetString(5) == "redeemed",
        DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(6)));

    /// <summary>
    /// One unit of work: a write transaction (on SQLite holding the file's write lock from the start, this process's
    /// writers taking their turns; on PostgreSQL read committed, the row locks of the conditional statements deciding
    /// races), or a read transaction.
    /// </summary>
    private T Run<T>(bool write, Func<DbConnection, DbTransaction?, T> work)
    {
        try
        {
            return write ? database.Write(null, work) : database.Read(work);
        }
        catch (DatabaseException e)
        {
            throw new IssuerStateException($"the wallet offer database failed: {e.Message}", e);
        }
    }
}
