using System.CommandLine;
using Credentials.Issuance.Keys;
using Credentials.Model;
using Credentials.Revocation;
using Credentials.WireFormat;

namespace Credentials.Cli.Commands;

/// <summary>
/// <c>credentials revoke --jti ID --list F --key F [--cert F] [--institution CC:ID] [--valid-days N]</c>: adds a token
/// id to a revocation list file (creating it if needed) and re-signs it. The file is what is served at <c>rid</c>.
/// </summary>
internal static class RevokeCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var jti = new Option<string>("--jti") { Description = "The token id (jti) to revoke.", Required = true };
        var list = new Option<string>("--list") { Description = "The revocation list file to update or create.", Required = true };
        var key = new Option<string>("--key") { Description = "The signing key (PKCS#8 PEM or PKCS#12) of a certificate the registry links to the institution.", Required = true };
        var cert = new Option<string?>("--cert") { Description = "The signing certificate (optional with a PKCS#12 key)." };
        var password = new Option<string?>("--password") { Description = $"The key's password (or set {IssueCommand.PasswordVariable})." };
        var institution = new Option<string?>("--institution") { Description = "The issuing institution, CC:ID (required when the list is new)." };
        var validDays = new Option<int>("--valid-days") { Description = "Days until the list's next update is due.", DefaultValueFactory = _ => 7 };

        var command = new Command("revoke", "Revoke a document: add its jti to a signed revocation list file and re-sign it.")
        {
            jti, list, key, cert, password, institution, validDays,
        };

        command.SetAction(parse =>
        {
            var path = parse.GetValue(list)!;
            var days = parse.GetValue(validDays);
            if (days is < 1 or > 31)
            {
                throw new CliException("--valid-days: a list must be renewed within 1 to 31 days.");
            }

            var now = time.GetUtcNow();
            RevocationList current;
            if (File.Exists(path))
            {
                current = RevocationListFormat.ReadUnverified(RevocationListFormat.Decode(CommandValues.ReadFile(path, RevocationListFormat.MaxListBytes, "revocation list")));
                if (parse.GetValue(institution) is { } given && InstitutionId.Parse(given) != current.Issuer)
                {
                    throw new CliException($"the list at '{path}' belongs to {current.Issuer}, not {given}.");
                }
            }
            else
            {
                var issuer = parse.GetValue(institution) ?? throw new CliException("the list is new: give the issuing institution with --institution CC:ID.");
                if (!InstitutionId.TryParse(issuer, out var id, out var error))
                {
                    throw new CliException($"--institution: {error}");
                }

                current = new RevocationList(id, now, now, new Dictionary<string, DateTimeOffset>());
            }

            var token = parse.GetValue(jti)!;
            var wasThere = current.IsRevoked(token);
            var updated = current.WithRevoked(token, now, TimeSpan.FromDays(days));
            using var identity = CommandValues.LoadSigningIdentity(parse.GetValue(key)!, parse.GetValue(cert), parse.GetValue(password));
            using var signer = new JwsSigner(identity.PrivateKey, identity.Certificate);

            // Written beside the target and moved over it: a reader never sees half a list.
            var temporary = path + ".tmp";
            CommandValues.WriteText(temporary, RevocationListFormat.Sign(updated, signer));
            File.Move(temporary, path, overwrite: true);
            console.Out.WriteLine($"{(wasThere ? "Already revoked" : "Revoked")}: the list of {updated.Issuer} at {path} holds {updated.Revoked.Count} token id(s); next update due {updated.NextUpdate.UtcDateTime:yyyy-MM-dd HH:mm} UTC.");
            return ExitCodes.Success;
        });
        return command;
    }
}
