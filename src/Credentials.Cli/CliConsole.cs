namespace Credentials.Cli;

/// <summary>Where a command reads and writes: the process's console, or buffers in tests.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenInput)
{
    /// <summary>Standard output as bytes, for a file written to <c>-</c> that is not text (PNG, PDF); null: <see cref="Out"/>.</summary>
    public Func<Stream>? OpenOutput { get; init; }
}
