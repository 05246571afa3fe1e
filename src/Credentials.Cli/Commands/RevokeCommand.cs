using System.CommandLine;
using Credentials.IO;
using Credentials.Model;
using Credentials.Revocation;
using Credentials.WireFormat;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials revoke --jti ID --list F --key F [--cert F] [--institution CC:ID] [--valid-days N] [--store DB]</c>: adds a
/// token id to a revocation list file (creating it if needed) and re-signs it. The file is what is served at <c>rid</c>.
/// With <c>--store</c>, every wallet credential minted from that document is revoked on its status list too.
/// </summary>
internal static class RevokeCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var jti = new Option<string>("--jti") { Description = "The token id (jti) to revoke.", Required = true };
        var list = new Option<string>("--list") { Description = "The revocation list file to update or create.", Required = true };
        var signing = new SigningKeyOptions("The list's signing key, of a certificate the registry links to the institution:");
        var institution = new Option<string?>("--institution") { Description = "The issuing institution, CC:ID (required when the list is new)." };
        var validDays = new Option<int>("--valid-days") { Description = "Days until the list's next update is due.", DefaultValueFactory = _ => 7 };
        var store = new Option<string?>("--store") { Description = "The issuer database (wallet issue --store): also revoke every wallet credential minted from this document on its status list." };

        var command = new Command("revoke", "Revoke a document: add its jti to a signed revocation list file and re-sign it.")
        {
            jti, list, institution, validDays, store,
        };
        signing.AddTo(command);

        command.SetAction(parse =>
        {
            var path = parse.GetValue(list)!;
            var days = parse.GetValue(validDays);
            if (days is < 1 or > 31)
            {
                throw new CliException("--valid-days: a list must be renewed within 1 to 31 days.");
            }

            var token = parse.GetValue(jti)!;
            if (string.IsNullOrWhiteSpace(token) || token.Length > RevocationListFormat.MaxTokenIdLength || token.Any(char.IsControl))
            {
                throw new CliException($"--jti: a token id is not blank, holds no control characters and is at most {RevocationListFormat.MaxTokenIdLength} characters.");
            }

            InstitutionId? given = null;
            if (parse.GetValue(institution) is { } text)
            {
                given = InstitutionId.TryParse(text, out var id, out var error) ? id : throw new CliException($"--institution: {error}");
            }

            if (Directory.Exists(path))
            {
                throw new CliException($"--list: '{path}' is a folder, not a revocation list file.");
            }

            // The issuer database is looked for before the list is changed: a mistyped path changes nothing.
            var database = parse.GetValue(store) is { } storePath ? CommandValues.ExistingDatabase(storePath, "--store", CommandValues.IssuerDatabaseMadeBy) : null;
            using var signer = signing.Load(parse, console);
            var jwsSigner = new JwsSigner(signer);

            // Read, change and write back under a lock across processes, through a unique temporary file: parallel
            // revocations on one list all land, and a reader never sees half a list.
            using var held = SharedFile.Lock(path);
            var now = time.GetUtcNow();
            RevocationList current;
            if (held.ReadCurrent(RevocationListFormat.MaxListBytes) is { } existing)
            {
                // The list is checked against this key's certificate before it is changed: an entry removed from it
                // by anyone else would otherwise be silently un-revoked by signing again.
                current = RevocationListFormat.Open(RevocationListFormat.Decode(existing), signer.Certificate, given);
            }
            else
            {
                current = new RevocationList(given ?? throw new CliException("the list is new: give the issuing institution with --institution CC:ID."), now, now, new Dictionary<string, DateTimeOffset>());
            }

            var wasThere = current.IsRevoked(token);
            var updated = current.WithRevoked(token, now, TimeSpan.FromDays(days));
            held.Replace(System.Text.Encoding.UTF8.GetBytes(RevocationListFormat.Sign(updated, jwsSigner)));
            console.Out.WriteLine($"{(wasThere ? "Already revoked" : "Revoked")}: the list of {updated.Issuer} at {path} holds {updated.Revoked.Count} token id(s); next update due {updated.NextUpdate.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
            if (database is not null)
            {
                // One document, every channel: the wallet credentials minted from it are revoked on their status lists.
                var revoked = WalletCommandFiles.Store(() =>
                {
                    using var documents = Credentials.Storage.Issuance.IssuedDocumentStore.Open(database, time);
                    using var statusLists = Credentials.Storage.StatusLists.StatusListDatabase.Open(database, time);
                    return new Credentials.Storage.Issuance.DocumentChannels(documents, statusLists, time).RevokeWalletCredentials(token);
                });
                console.Out.WriteLine(revoked is { } count
                    ? $"Revoked {count} wallet credential(s) minted from it on their status lists; publish them with `credentials status publish`."
                    : $"The issuer database {(Credentials.Database.DatabaseLocation.IsPostgreSqlLocation(database) ? "in PostgreSQL" : Path.GetFileName(database))} records no document with that jti: no wallet credential was revoked.");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
