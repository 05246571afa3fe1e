using System.CommandLine;
using System.Text;
using Credentials.Signing;
using Credentials.Signing.Pkcs11;

namespace Credentials.Cli.Commands;

/// <summary>
/// How every command that signs names its key: a key file (<c>--key</c>, <c>--cert</c>, <c>--password</c>), or a key
/// on a PKCS#11 token (<c>--pkcs11-module</c>, <c>--token-label</c>, <c>--key-label</c>, <c>--key-id</c>, with the
/// certificate from <c>--cert</c> or from the token). A token's PIN comes from <c>CREDENTIALS_PKCS11_PIN</c> or a
/// prompt, never from an argument that other users can see in <c>ps</c>.
/// </summary>
internal sealed class SigningKeyOptions
{
    /// <summary>The variable a token's PIN may come from.</summary>
    public const string PinVariable = "CREDENTIALS_PKCS11_PIN";

    public SigningKeyOptions(string who = "The signing key:")
    {
        Key = new("--key") { Description = $"{who} a key file: PKCS#8 PEM (RSA or EC P-256; encrypted or not), or a PKCS#12 file. Or use --pkcs11-module for a key on a token." };
        Certificate = new("--cert") { Description = "The signing certificate (PEM or DER); optional with a PKCS#12 key that holds it, or when the token holds it." };
    }

    public Option<string?> Key { get; }

    public Option<string?> Certificate { get; }

    public Option<string?> Password { get; } = new("--password") { Description = $"The password of an encrypted key or PKCS#12 file (or set {IssueCommand.PasswordVariable})." };

    public Option<string?> Module { get; } = new("--pkcs11-module") { Description = "A PKCS#11 library (e.g. /usr/lib/softhsm/libsofthsm2.so): sign with a key that never leaves the token." };

    public Option<string?> TokenLabel { get; } = new("--token-label") { Description = "With --pkcs11-module: the token's label." };

    public Option<string?> KeyLabel { get; } = new("--key-label") { Description = "With --pkcs11-module: the key's label (CKA_LABEL)." };

    public Option<string?> KeyId { get; } = new("--key-id") { Description = $"With --pkcs11-module: the key's id (CKA_ID, hex), when several keys share the label. The PIN comes from {PinVariable} or a prompt." };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in new Option[] { Key, Certificate, Password, Module, TokenLabel, KeyLabel, KeyId })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The signer the options name; one of a key file or a token must be given.</summary>
    public CertificateSigner Load(ParseResult parse, CliConsole console)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var key = parse.GetValue(Key);
        var module = parse.GetValue(Module);
        if (key is not null && module is not null)
        {
            throw new CliException("--key and --pkcs11-module: give one of them, a key file or a key on a token.");
        }

        if (module is null)
        {
            if (parse.GetValue(TokenLabel) is not null || parse.GetValue(KeyLabel) is not null || parse.GetValue(KeyId) is not null)
            {
                throw new CliException("--token-label, --key-label and --key-id name a key on a PKCS#11 token: give --pkcs11-module too.");
            }

            return CommandValues.LoadSigner(key ?? throw new CliException("a signing key is needed: give --key (a key file) or --pkcs11-module (a key on a token)."), parse.GetValue(Certificate), parse.GetValue(Password));
        }

        if (parse.GetValue(Password) is not null)
        {
            throw new CliException($"--password is for key files; a token's PIN comes from {PinVariable} or the prompt.");
        }

        var options = new Pkcs11SignerOptions
        {
            ModulePath = module,
            TokenLabel = parse.GetValue(TokenLabel) ?? throw new CliException("--pkcs11-module: give the token's --token-label too."),
            KeyLabel = parse.GetValue(KeyLabel) ?? throw new CliException("--pkcs11-module: give the key's --key-label too."),
            KeyId = parse.GetValue(KeyId),
            Pin = Pin(parse.GetValue(TokenLabel)!, console),
        };
        using var certificate = parse.GetValue(Certificate) is { } path ? Credentials.Issuance.Keys.SigningKeyLoader.LoadCertificate(path) : null;
        return Pkcs11CertificateSigner.Open(options, certificate is null ? null : System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificate(certificate.RawData));
    }

    /// <summary>The PIN from the environment, or asked for on the terminal without echo.</summary>
    private static string Pin(string tokenLabel, CliConsole console)
    {
        if (Environment.GetEnvironmentVariable(PinVariable) is { Length: > 0 } pin)
        {
            return pin;
        }

        if (Console.IsInputRedirected)
        {
            throw new CliException($"the token's PIN is needed: set {PinVariable} (it is never taken from the command line).");
        }

        console.Error.Write($"PIN for token '{tokenLabel}': ");
        var typed = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            if (key.Key == ConsoleKey.Enter)
            {
                break;
            }

            if (key.Key == ConsoleKey.Backspace)
            {
                typed.Length = Math.Max(0, typed.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                typed.Append(key.KeyChar);
            }
        }

        console.Error.WriteLine();
        return typed.Length > 0 ? typed.ToString() : throw new CliException("no PIN was given.");
    }
}
