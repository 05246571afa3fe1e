using System.CommandLine;
using System.Globalization;

namespace Credentials.Cli.Commands;

/// <summary>Parsing and file helpers shared by the commands; every failure is a <see cref="CliException"/> naming the option.</summary>
internal static class CommandValues
{
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

    /// <summary>
    /// Reads a whole file of at most <paramref name="maxBytes"/>: the bound is checked on the file actually opened
    /// (after any symbolic link) and while reading, so neither a link nor a file that grows can slip past it.
    /// </summary>
    public static byte[] ReadFile(string path, long maxBytes, string what)
    {
        if (Directory.Exists(path))
        {
            throw new CliException($"the {what} '{path}' is a folder, not a file.");
        }

        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new CliException($"the {what} '{path}' does not exist.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new CliException($"the {what} '{path}' cannot be read: permission denied.");
        }

        using (stream)
        {
            if (stream.CanSeek && stream.Length > maxBytes)
            {
                throw new CliException($"the {what} '{path}' is {stream.Length} bytes, more than the {maxBytes} accepted.");
            }

            using var buffer = new MemoryStream();
            var chunk = new byte[81920];
            int read;
            while ((read = stream.Read(chunk)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    throw new CliException($"the {what} '{path}' is more than the {maxBytes} bytes accepted.");
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
    }

    /// <summary>
    /// Writes a file as every writer of a shared file does (<see cref="Credentials.IO.SharedFile"/>: under a lock,
    /// through a unique temporary file, so a reader never sees half of it and a failed write leaves nothing behind),
    /// creating the folder; <c>-</c> writes to standard output.
    /// </summary>
    public static void WriteFile(string path, ReadOnlySpan<byte> content, CliConsole? console = null)
    {
        if (path == "-" && console is not null)
        {
            // Standard output: raw bytes where the console has a stream (a PNG or PDF piped on), else text.
            console.Out.Flush();
            if (console.OpenOutput is { } open)
            {
                using var output = open();
                output.Write(content);
                output.Flush();
            }
            else
            {
                console.Out.Write(System.Text.Encoding.UTF8.GetString(content));
                console.Out.Flush();
            }

            return;
        }

        if (Directory.Exists(path))
        {
            throw new CliException($"'{path}' is a folder: give a file name to write.");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            if (File.Exists(folder))
            {
                throw new CliException($"'{path}' cannot be written: '{folder}' is a file, not a folder.");
            }

            Directory.CreateDirectory(folder);
        }

        try
        {
            Credentials.IO.SharedFile.Write(path, content);
        }
        catch (IOException e)
        {
            throw new CliException(e.Message);
        }
    }

    /// <summary>A file's bytes without a leading UTF-8 byte-order mark (written by common Windows editors).</summary>
    public static byte[] WithoutByteOrderMark(byte[] bytes) =>
        bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    public static void WriteText(string path, string content, CliConsole? console = null) => WriteFile(path, System.Text.Encoding.UTF8.GetBytes(content), console);

    /// <summary>A signing key and certificate from the command line; the password may come from the environment instead.</summary>
    public static Credentials.Signing.CertificateSigner LoadSigner(string key, string? certificate, string? password) =>
        Credentials.Issuance.Keys.SigningKeyLoader.Load(key, certificate, password ?? Environment.GetEnvironmentVariable(IssueCommand.PasswordVariable));
}
