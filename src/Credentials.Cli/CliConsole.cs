namespace Credentials.Cli;

/// <summary>Where a command reads and writes: the process's console, or buffers in tests.</summary>
public sealed record CliConsole(TextWriter Out, TextWriter Error, Func<Stream> OpenInput);
