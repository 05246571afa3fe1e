using System.CommandLine;
using System.Globalization;

namespace Credentials.Cli.Commands;

/// <summary>Parsing and file helpers shared by the commands; every failure is a <see cref="CliException"/> naming the option.</summary>
internal static class CommandValues
{
    /// <summary>A text input larger than this cannot be QR text (a QR code holds at most 4,296 characters).</summary>
    public const int MaxTextInputBytes = 64 * 1024;

    public static DateOnly? ParseDate(string? value, string option)
    {
        if (value is null)
        {
            return null;
        }

        return DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new CliException($"{option}: '{value}' is not a date written YYYY-MM-DD.");
    }

    /// <summary><c>--lang</c>: the language of printed documents, one of the label files shipped.</summary>
    public static Option<string?> LanguageOption() => new("--lang")
    {
        Description = $"The language of the printed document: {string.Join(", ", Printing.DocumentLabels.Languages.Order(StringComparer.Ordinal))} (default {Printing.DocumentLabels.DefaultLanguage}).",
    };

    public static Printing.DocumentLabels Labels(string? language, string option = "--lang") =>
        Printing.DocumentLabels.TryGet(language, out var labels)
            ? labels
            : throw new CliException($"{option}: there are no labels in '{language}'; choose one of {string.Join(", ", Printing.DocumentLabels.Languages.Order(StringComparer.Ordinal))}.");

    public static byte[] ReadFile(string path, long maxBytes, string what)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new CliException($"the {what} '{path}' does not exist.");
        }

        if (info.Length > maxBytes)
        {
            throw new CliException($"the {what} '{path}' is {info.Length} bytes, more than the {maxBytes} accepted.");
        }

        return File.ReadAllBytes(path);
    }

    /// <summary>Writes a file, creating its folder; the path is reported by the caller.</summary>
    public static void WriteFile(string path, ReadOnlySpan<byte> content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }

        File.WriteAllBytes(path, content.ToArray());
    }

    public static void WriteText(string path, string content) => WriteFile(path, System.Text.Encoding.UTF8.GetBytes(content));

    /// <summary>A signing key and certificate from the command line; the password may come from the environment instead.</summary>
    public static Credentials.Signing.CertificateSigner LoadSigner(string key, string? certificate, string? password) =>
        Credentials.Issuance.Keys.SigningKeyLoader.Load(key, certificate, password ?? Environment.GetEnvironmentVariable(IssueCommand.PasswordVariable));

    /// <summary>QR text from a text file: the line ending is dropped, spaces are kept (they are Base45 characters).</summary>
    public static string TextFromBytes(ReadOnlySpan<byte> bytes)
    {
        var text = System.Text.Encoding.UTF8.GetString(bytes);
        return text.TrimEnd('\r', '\n');
    }
}
