using System.CommandLine;

namespace Credentials.Cli.Commands;

/// <summary><c>--key</c>, <c>--cert</c> and <c>--password</c>, as every command that signs a document takes them.</summary>
internal sealed class SigningKeyOptions
{
    public Option<string> Key { get; } = new("--key") { Description = "The private key: PKCS#8 PEM (RSA or EC P-256; encrypted or not), or a PKCS#12 file.", Required = true };

    public Option<string?> Certificate { get; } = new("--cert") { Description = "The signing certificate (PEM or DER); optional with a PKCS#12 key that holds it." };

    public Option<string?> Password { get; } = new("--password") { Description = $"The password of an encrypted key or PKCS#12 file (or set {IssueCommand.PasswordVariable})." };

    public void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(Certificate);
        command.Options.Add(Password);
    }

    public Credentials.Signing.CertificateSigner Load(ParseResult parse) =>
        CommandValues.LoadSigner(parse.GetValue(Key)!, parse.GetValue(Certificate), parse.GetValue(Password));
}
