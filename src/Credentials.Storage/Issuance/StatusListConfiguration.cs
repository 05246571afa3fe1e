using Credentials.Wallet.StatusLists;

namespace Credentials.Storage.Issuance;

/// <summary>
/// A named configuration of status lists, kept in the issuer's database so that every command allocates, changes
/// and publishes under the same settings. Lists of one shape are shared by the store, so one shape has one configuration.
/// </summary>
/// <param name="Name">Its name, e.g. <c>wallet</c>.</param>
/// <param name="Options">The issuer options: where the lists are served, bits, entries, lifetimes.</param>
public sealed record StatusListConfiguration(string Name, StatusListIssuerOptions Options);
