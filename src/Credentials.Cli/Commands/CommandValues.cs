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

    /// <summary>How far ahead of this machine's clock <c>--trust-as-of</c> may be: another machine's clock a few minutes fast.</summary>
    public static readonly TimeSpan TrustAsOfSkew = TimeSpan.FromMinutes(5);

    /// <summary>
    /// <c>--trust-as-of</c>: when the trust data was fetched. A time in the future is refused (beyond a skew of
    /// <see cref="TrustAsOfSkew"/>): data fetched "tomorrow" would have a negative age and pass any freshness check.
    /// </summary>
    public static DateTimeOffset? ParseTrustAsOf(string? value, TimeProvider time)
    {
        if (value is null)
        {
            return null;
        }

        if (!Credentials.WireFormat.IsoInstant.TryParse(value, out var instant))
        {
            throw new CliException($"--trust-as-of: '{value}' is not a date and time such as 2026-12-01T08:00:00Z.");
        }

        return instant <= time.GetUtcNow() + TrustAsOfSkew
            ? instant
            : throw new CliException($"--trust-as-of: {value} is in the future: give when the trust data was fetched (at most {TrustAsOfSkew.TotalMinutes:0} minutes ahead of this machine's clock).");
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

            CreateFolder(folder, $"'{path}' cannot be written: its folder");
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

    /// <summary>What creates the issuer database, for a message about one that is missing.</summary>
    public const string IssuerDatabaseMadeBy = "`credentials wallet issue --store` or `credentials status create` creates it";

    /// <summary>What creates the host's state database, for a message about one that is missing.</summary>
    public const string StateDatabaseMadeBy = "`credentials apikey create`, `credentials account create` or `credentials serve` creates it";

    /// <summary>
    /// A database a command reads or changes but never creates: an SQLite file that must exist (a mistyped path would
    /// otherwise become a new, empty database and the command would answer from it), or a PostgreSQL connection
    /// string, which names no file and is passed on as it is. Checked before anything is opened or written.
    /// </summary>
    public static string ExistingDatabase(string path, string option, string madeBy)
    {
        if (Credentials.Database.DatabaseLocation.IsPostgreSqlLocation(path))
        {
            return path;
        }

        if (Directory.Exists(path))
        {
            throw new CliException($"{option}: '{path}' is a folder, not a database.");
        }

        return File.Exists(path) ? path : throw new CliException($"{option}: there is no database at '{path}' ({madeBy}).");
    }

    /// <summary>
    /// The folder an option names for the command's output, created if needed: a file at that path, or a folder that
    /// cannot be created, is one line naming the option (never the runtime's "already exists" or "could not find").
    /// </summary>
    public static string OutputFolder(string path, string option)
    {
        if (File.Exists(path))
        {
            throw new CliException($"{option}: '{path}' is a file, not a folder.");
        }

        CreateFolder(path, $"{option}: the folder '{path}'");
        return path;
    }

    /// <summary>Creates a folder; a refusal is a <see cref="CliException"/> that begins with <paramref name="subject"/>.</summary>
    private static void CreateFolder(string path, string subject)
    {
        try
        {
            Directory.CreateDirectory(path);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new CliException($"{subject} cannot be created: permission denied.", e);
        }
        catch (IOException e)
        {
            // A file where a folder of the path should be, or a file system that refuses new folders (/proc, read-only).
            var blocking = FileOnPath(Path.GetFullPath(path));
            throw new CliException(blocking is null ? $"{subject} cannot be created: the file system refuses it." : $"{subject} cannot be created: '{blocking}' is a file, not a folder.", e);
        }
    }

    /// <summary>The first file (not folder) among the path's ancestors, or null.</summary>
    private static string? FileOnPath(string fullPath)
    {
        for (var at = Path.GetDirectoryName(fullPath); !string.IsNullOrEmpty(at); at = Path.GetDirectoryName(at))
        {
            if (File.Exists(at))
            {
                return at;
            }
        }

        return null;
    }

    /// <summary>A file's bytes without a leading UTF-8 byte-order mark (written by common Windows editors).</summary>
    public static byte[] WithoutByteOrderMark(byte[] bytes) =>
        bytes.AsSpan().StartsWith("\uFEFF"u8) ? bytes[3..] : bytes;

    public static void WriteText(string path, string content, CliConsole? console = null) => WriteFile(path, System.Text.Encoding.UTF8.GetBytes(content), console);

    /// <summary>A signing key and certificate from the command line; the password may come from the environment instead.</summary>
    public static Credentials.Signing.CertificateSigner LoadSigner(string key, string? certificate, string? password) =>
        Credentials.Issuance.Keys.SigningKeyLoader.Load(key, certificate, password ?? Environment.GetEnvironmentVariable(IssueCommand.PasswordVariable));
}
