using System.Data.Common;
using Credentials.Database;
using Credentials.Model;

namespace Credentials.Storage.Accounts;

/// <summary>
/// People's local accounts for a single-machine install (a larger one signs people in with OpenID Connect), in the
/// state database beside the API keys: a user name, the institutions the person may act for, the password as a slow
/// salted hash (<see cref="PasswordHash"/>). After <see cref="MaxFailedSignIns"/> wrong passwords in a row the account
/// is locked for <see cref="LockoutPeriod"/>; a disabled account never signs in. Every refusal reads the same to the
/// caller. Safe to share between threads.
/// </summary>
public sealed class LocalAccountStore : IDisposable
{
    /// <summary>Wrong passwords in a row before the account is locked.</summary>
    public const int MaxFailedSignIns = 5;

    /// <summary>The shortest password accepted.</summary>
    public const int MinPasswordLength = 12;

    /// <summary>The longest password accepted (a bound on the hashing work one request can ask for).</summary>
    public const int MaxPasswordLength = 256;

    /// <summary>The longest user name.</summary>
    public const int MaxUserNameLength = 64;

    /// <summary>How long a locked account refuses every sign-in.</summary>
    public static readonly TimeSpan LockoutPeriod = TimeSpan.FromMinutes(15);

    private const string AccountSelect = "SELECT user_name, created_at, password_changed_at, disabled_at, locked_until, password_hash FROM local_accounts";

    private readonly AccountDatabase database;
    private readonly TimeProvider time;

    private LocalAccountStore(AccountDatabase database, TimeProvider time)
    {
        this.database = database;
        this.time = time;
    }

    /// <summary>Where the accounts are, for messages.</summary>
    public string Location => database.Location.Display;

    /// <summary>Opens the accounts at <paramref name="location"/> (as <see cref="ApiKeyStore.Open"/>); throws <see cref="AccountStoreException"/>.</summary>
    public static LocalAccountStore Open(string location, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        return new LocalAccountStore(AccountDatabase.Open(location, time), time);
    }

    /// <summary>A user name as the store keeps it (trimmed, lowercase), or an <see cref="AccountStoreException"/> saying what a user name is.</summary>
    public static string NormalizeUserName(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var name = userName.Trim().ToLowerInvariant();
        return name.Length is > 0 and <= MaxUserNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '@')
            ? name
            : throw new AccountStoreException($"a user name is 1 to {MaxUserNameLength} letters, digits, '.', '-', '_' or '@'.");
    }

    /// <summary>Creates an account; throws <see cref="AccountStoreException"/> for a taken name, a weak password or no institution.</summary>
    public LocalAccount Create(string userName, string password, IReadOnlyCollection<InstitutionId> institutions)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(institutions);
        var name = NormalizeUserName(userName);
        CheckPassword(password);
        var scope = institutions.Distinct().OrderBy(institution => institution.ToString(), StringComparer.Ordinal).ToList();
        if (scope.Count is 0 or > ApiKeyStore.MaxInstitutions)
        {
            throw new AccountStoreException($"an account acts for 1 to {ApiKeyStore.MaxInstitutions} institutions; {scope.Count} were given.");
        }

        var hash = PasswordHash.Hash(password);
        var now = StoredInstant.Format(time.GetUtcNow());
        return database.Write("accounts", (connection, transaction) =>
        {
            if (SqlCommands.Execute(connection, transaction, "INSERT INTO local_accounts (user_name, password_hash, created_at, password_changed_at) VALUES (@name, @hash, @now, @now) ON CONFLICT (user_name) DO NOTHING;", ("@name", name), ("@hash", hash), ("@now", now)) == 0)
            {
                throw new AccountStoreException($"there is already an account '{name}'.");
            }

            foreach (var institution in scope)
            {
                SqlCommands.Execute(connection, transaction, "INSERT INTO local_account_institutions (user_name, institution) VALUES (@name, @institution);", ("@name", name), ("@institution", institution.ToString()));
            }

            return FindIn(connection, transaction, name)!.Value.Account;
        });
    }

    /// <summary>Every account, by user name.</summary>
    public IReadOnlyList<LocalAccount> List() => database.Read(connection =>
        Rows(connection, null, AccountSelect + " ORDER BY user_name;").Select(row => row.Account with { Institutions = Institutions(connection, null, row.Account.UserName) }).ToList());

    /// <summary>The account with this user name, or null.</summary>
    public LocalAccount? Find(string userName)
    {
        ArgumentNullException.ThrowIfNull(userName);
        var name = userName.Trim().ToLowerInvariant();
        return database.Read(connection => FindIn(connection, null, name)?.Account);
    }

    /// <summary>Disables the account: it signs in no more (and a host drops its sessions at their next request).</summary>
    public LocalAccount Disable(string userName)
    {
        var name = NormalizeUserName(userName);
        var now = StoredInstant.Format(time.GetUtcNow());
        return database.Write("accounts", (connection, transaction) =>
        {
            SqlCommands.Execute(connection, transaction, "UPDATE local_accounts SET disabled_at = @now WHERE user_name = @name AND disabled_at IS NULL;", ("@now", now), ("@name", name));
            return (FindIn(connection, transaction, name) ?? throw Unknown(name)).Account;
        });
    }

    /// <summary>Sets a new password and lifts a lockout; a disabled account stays disabled.</summary>
    public LocalAccount ResetPassword(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        var name = NormalizeUserName(userName);
        CheckPassword(password);
        var hash = PasswordHash.Hash(password);
        var now = StoredInstant.Format(time.GetUtcNow());
        return database.Write("accounts", (connection, transaction) =>
        {
            if (SqlCommands.Execute(connection, transaction, "UPDATE local_accounts SET password_hash = @hash, password_changed_at = @now, failed_attempts = 0, locked_until = NULL WHERE user_name = @name;", ("@hash", hash), ("@now", now), ("@name", name)) == 0)
            {
                throw Unknown(name);
            }

            return FindIn(connection, transaction, name)!.Value.Account;
        });
    }

    /// <summary>
    /// The account, when <paramref name="password"/> is its password and it is neither disabled nor locked; otherwise
    /// null, whatever the reason (an unknown user takes as long: its password is checked against a hash nobody has).
    /// A wrong password counts towards the lockout; a right one resets the count.
    /// </summary>
    public LocalAccount? SignIn(string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(userName);
        ArgumentNullException.ThrowIfNull(password);
        var name = userName.Trim().ToLowerInvariant();
        if (name.Length is 0 or > MaxUserNameLength || password.Length > MaxPasswordLength)
        {
            return null;
        }

        var found = database.Read(connection => FindIn(connection, null, name));
        var now = time.GetUtcNow();
        var matches = PasswordHash.Verify(password, found?.Hash ?? PasswordHash.Unmatchable);
        if (found is not { Account: var account })
        {
            return null;
        }

        if (account.DisabledAt is not null || (account.LockedUntil is { } until && now < until))
        {
            return null;
        }

        var at = StoredInstant.Format(now);
        var lockedUntil = StoredInstant.Format(now + LockoutPeriod);
        database.Write("accounts", (connection, transaction) => matches
            ? SqlCommands.Execute(connection, transaction, "UPDATE local_accounts SET failed_attempts = 0, locked_until = NULL WHERE user_name = @name;", ("@name", name))
            // One statement, so that concurrent wrong attempts each count; the lock starts the count again.
            : SqlCommands.Execute(
                connection,
                transaction,
                "UPDATE local_accounts SET locked_until = CASE WHEN failed_attempts + 1 >= @max THEN @until ELSE locked_until END, failed_attempts = CASE WHEN failed_attempts + 1 >= @max THEN 0 ELSE failed_attempts + 1 END WHERE user_name = @name AND (locked_until IS NULL OR locked_until <= @at);",
                ("@max", MaxFailedSignIns),
                ("@until", lockedUntil),
                ("@at", at),
                ("@name", name)));
        return matches ? account with { LockedUntil = null } : null;
    }

    /// <inheritdoc/>
    public void Dispose() => database.Dispose();

    private static void CheckPassword(string password)
    {
        if (password.Length is < MinPasswordLength or > MaxPasswordLength || password.Any(char.IsControl))
        {
            throw new AccountStoreException($"a password is {MinPasswordLength} to {MaxPasswordLength} characters, without control characters.");
        }
    }

    private static AccountStoreException Unknown(string name) => new($"there is no account '{name}'.");

    private static (LocalAccount Account, string Hash)? FindIn(DbConnection connection, DbTransaction? transaction, string name)
    {
        var row = Rows(connection, transaction, AccountSelect + " WHERE user_name = @name;", ("@name", name)).SingleOrDefault();
        return row is null ? null : (row.Account with { Institutions = Institutions(connection, transaction, name) }, row.Hash);
    }

    private static List<AccountRow> Rows(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = SqlCommands.Command(connection, transaction, sql, parameters);
        using var reader = command.ExecuteReader();
        var rows = new List<AccountRow>();
        while (reader.Read())
        {
            rows.Add(new AccountRow(
                new LocalAccount(
                    reader.GetString(0),
                    [],
                    StoredInstant.Parse(reader.GetString(1)),
                    StoredInstant.Parse(reader.GetString(2)),
                    reader.IsDBNull(3) ? null : StoredInstant.Parse(reader.GetString(3)),
                    reader.IsDBNull(4) ? null : StoredInstant.Parse(reader.GetString(4))),
                reader.GetString(5)));
        }

        return rows;
    }

    private static List<InstitutionId> Institutions(DbConnection connection, DbTransaction? transaction, string name)
    {
        using var command = SqlCommands.Command(connection, transaction, "SELECT institution FROM local_account_institutions WHERE user_name = @name ORDER BY institution;", ("@name", name));
        using var reader = command.ExecuteReader();
        var list = new List<InstitutionId>();
        while (reader.Read())
        {
            list.Add(InstitutionId.Parse(reader.GetString(0)));
        }

        return list;
    }

    private sealed record AccountRow(LocalAccount Account, string Hash);
}
