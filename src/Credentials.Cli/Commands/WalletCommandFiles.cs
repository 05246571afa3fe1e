using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Credentials.Signing;
using Credentials.Storage.Issuance;
using Credentials.Wallet.Jose;
using Credentials.Wallet.StatusLists;

namespace Credentials.Cli.Commands;

/// <summary>Inputs and outputs of the wallet and status commands: <c>-</c> for standard input or output, bounded reads, keys, store errors as one line.</summary>
internal static class WalletCommandFiles
{
    /// <summary>An SD-JWT VC or a request is far smaller; more is not one of ours.</summary>
    public const int MaxInputBytes = 256 * 1024;

    /// <summary>A file's bytes, or standard input's for <c>-</c>, at most <see cref="MaxInputBytes"/>.</summary>
    public static byte[] Read(string path, string what, CliConsole console)
    {
        if (path != "-")
        {
            return CommandValues.ReadFile(path, MaxInputBytes, what);
        }

        using var input = console.OpenInput();
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = input.Read(chunk)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > MaxInputBytes)
            {
                throw new CliException($"the {what} on standard input is more than the {MaxInputBytes} bytes accepted.");
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A text input with its line ending dropped.</summary>
    public static string ReadText(string path, string what, CliConsole console) => Encoding.UTF8.GetString(Read(path, what, console)).Trim();

    /// <summary>Writes text to a file, or to standard output for <c>-</c>; says where it went on standard error.</summary>
    public static void Write(string path, string text, string what, CliConsole console)
    {
        if (path == "-")
        {
            console.Out.WriteLine(text);
            return;
        }

        CommandValues.WriteText(path, text + "\n");
        console.Error.WriteLine($"{what} written to {path}");
    }

    /// <summary>The holder's public JWK (RFC 7517) from a file; a private member is refused.</summary>
    public static PublicJwk ReadHolderJwk(string path, CliConsole console)
    {
        var bytes = Read(path, "holder JWK", console);
        try
        {
            using var json = JsonDocument.Parse(bytes);
            return PublicJwk.TryParse(json.RootElement, out var key, out var problem) ? key : throw new CliException($"--holder-jwk: {problem}.");
        }
        catch (JsonException)
        {
            throw new CliException("--holder-jwk: the file is not JSON (a JWK object is expected).");
        }
    }

    /// <summary>The holder's private key: PKCS#8 PEM (EC P-256), or a private JWK with <c>d</c>.</summary>
    public static InMemorySigner ReadHolderKey(string path, CliConsole console)
    {
        var text = Encoding.UTF8.GetString(Read(path, "holder key", console)).Trim();
        try
        {
            if (text.StartsWith('{'))
            {
                using var json = JsonDocument.Parse(text);
                var jwk = json.RootElement;
                if (!jwk.TryGetProperty("d", out var d) || d.ValueKind != JsonValueKind.String || !TryBase64Url(d.GetString()!, out var scalar)
                    || String(jwk, "kty") != "EC" || String(jwk, "crv") != "P-256"
                    || !TryBase64Url(String(jwk, "x") ?? string.Empty, out var x) || !TryBase64Url(String(jwk, "y") ?? string.Empty, out var y))
                {
                    throw new CliException("--holder-key: a JWK holder key is an EC P-256 private key (kty EC, crv P-256, x, y, d).");
                }

                return new InMemorySigner(ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = scalar, Q = new ECPoint { X = x, Y = y } }));
            }

            var ec = ECDsa.Create();
            ec.ImportFromPem(text);
            return new InMemorySigner(ec);
        }
        catch (Exception e) when (e is ArgumentException or CryptographicException or JsonException)
        {
            throw new CliException("--holder-key: the file is neither a PKCS#8 PEM EC key nor a private EC JWK.");
        }
    }

    /// <summary>Runs a store operation, turning its refusals into one-line CLI errors.</summary>
    public static T Store<T>(Func<T> operation)
    {
        try
        {
            return operation();
        }
        catch (IssuerStateException e)
        {
            throw new CliException(e.Message, e);
        }
        catch (StatusListIssuanceException e)
        {
            throw new CliException(e.Message, e);
        }
    }

    private static bool TryBase64Url(string text, out byte[] bytes)
    {
        try
        {
            // RFC 7518 §6.2.1.2, §6.2.2.1: base64url without padding.
            bytes = System.Buffers.Text.Base64Url.DecodeFromChars(text);
            return bytes.Length > 0;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }

    private static string? String(JsonElement json, string name) => json.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
