using Credentials.Wallet.StatusLists;

namespace Credentials.Storage.StatusLists;

/// <summary>A status list store that holds a database open: SQLite or PostgreSQL, closed when disposed.</summary>
public interface IStatusListDatabase : IStatusListStore, IDisposable;
