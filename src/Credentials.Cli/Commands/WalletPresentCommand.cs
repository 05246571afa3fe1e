using System.CommandLine;
using Credentials.Wallet.SdJwt;

namespace Credentials.Cli.Commands;

/// <summary><c>credentials wallet present F --disclose PATH… --holder-key F --aud A --nonce N --out F</c>: the holder's presentation with key binding.</summary>
internal static class WalletPresentCommand
{
    public static Command Create(CliConsole console, TimeProvider time)
    {
        var input = new Argument<string>("credential") { Description = "The issued SD-JWT VC (a file, or - for standard input)." };
        var disclose = new Option<string[]>("--disclose") { Description = "A claim to disclose, by path (e.g. document_number, subject/given_name); repeat for more. Without it nothing selectively disclosable is shown.", AllowMultipleArgumentsPerToken = true };
        var holderKey = new Option<string>("--holder-key") { Description = "The holder's private key (PKCS#8 PEM EC P-256, or a private JWK): the key in the credential's cnf.jwk.", Required = true };
        var audience = new Option<string>("--aud") { Description = "The verifier's identifier, for the Key Binding JWT's aud.", Required = true };
        var nonce = new Option<string>("--nonce") { Description = "The verifier's nonce for this presentation.", Required = true };
        var output = new Option<string>("--out") { Description = "Write the presentation here (- for standard output, the default).", DefaultValueFactory = _ => "-" };
        var command = new Command("present", "Present a wallet credential: the chosen claims and a Key Binding JWT for this verifier and nonce. Exit 0 done, 2 unusable input.")
        {
            input, disclose, holderKey, audience, nonce, output,
        };

        command.SetAction(parse =>
        {
            var aud = parse.GetValue(audience)!;
            var n = parse.GetValue(nonce)!;
            if (string.IsNullOrWhiteSpace(aud) || string.IsNullOrWhiteSpace(n) || aud.Any(char.IsControl) || n.Any(char.IsControl) || aud.Length > 2048 || n.Length > 2048)
            {
                throw new CliException("--aud and --nonce: not blank, no control characters, at most 2048 characters.");
            }

            var issued = WalletCommandFiles.ReadText(parse.GetValue(input)!, "credential", console);
            if (!SdJwtHolder.TryOpen(issued, time, null, out var holder, out var failure))
            {
                throw new CliException($"the credential cannot be read as an issued SD-JWT: {failure.Message}.");
            }

            var paths = (parse.GetValue(disclose) ?? []).Select(Path).ToList();
            using var key = WalletCommandFiles.ReadHolderKey(parse.GetValue(holderKey)!, console);
            SdJwtToken presentation;
            try
            {
                presentation = holder.Present(paths, new KeyBindingRequest(key, aud, n));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                throw new CliException(CliApp.FirstSentence(e.Message), e);
            }

            console.Error.WriteLine($"Presented {presentation.Disclosures.Count} of {holder.Disclosures.Count} Disclosure(s) with a Key Binding JWT.");
            WalletCommandFiles.Write(parse.GetValue(output)!, presentation.ToCompact(), "Presentation", console);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A claim path as typed: member names separated by '/', with or without a leading '/' (JSON Pointer escapes ~0 and ~1).</summary>
    private static ClaimPath Path(string text)
    {
        var segments = text.Trim().TrimStart('/').Split('/');
        if (segments.Any(s => s.Length == 0))
        {
            throw new CliException($"--disclose: a claim path is member names separated by '/', e.g. subject/given_name.");
        }

        return ClaimPath.Of([.. segments.Select(s => (ClaimPathSegment)s.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal))]);
    }
}
