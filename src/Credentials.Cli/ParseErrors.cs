using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace Credentials.Cli;

/// <summary>
/// The parser's complaints in the command line's words: each names the option or argument and what is wrong with
/// the value, never a .NET type (<c>System.Nullable`1[System.Int32]</c>) or an exception's text.
/// </summary>
internal static class ParseErrors
{
    /// <summary>The options and arguments that take a file or folder path (or a path or an address): an empty one is "an empty path".</summary>
    private static readonly HashSet<string> PathNames = new(StringComparer.Ordinal)
    {
        "INPUT", "FILE", "presentation", "--registry", "--request", "--requests", "--key", "--cert", "--list", "--store",
        "--config", "--snapshot", "--trust-state", "--operator-cert", "--holder-key", "--holder-jwk", "--out", "--out-dir",
        "--out-token", "--out-qr-text", "--out-png", "--out-svg", "--out-pdf", "--export", "--export-pdf", "--pkcs11-module",
    };

    /// <summary>Values that may be empty: a PKCS#12 file may have an empty password.</summary>
    private static readonly HashSet<string> MayBeEmpty = new(StringComparer.Ordinal) { "--password" };

    /// <summary>
    /// Adds to every text option and argument of the tree a check that its value is not empty: an empty string would
    /// otherwise reach the file system, whose "The value cannot be an empty string" names no option.
    /// </summary>
    public static void RefuseEmptyValues(Command command)
    {
        foreach (var option in command.Options.Where(o => IsText(o.ValueType) && !MayBeEmpty.Contains(o.Name)))
        {
            option.Validators.Add(result => CheckNotEmpty(result, result.Tokens, option.Name));
        }

        foreach (var argument in command.Arguments.Where(a => IsText(a.ValueType)))
        {
            argument.Validators.Add(result => CheckNotEmpty(result, result.Tokens, argument.Name));
        }

        foreach (var subcommand in command.Subcommands)
        {
            RefuseEmptyValues(subcommand);
        }
    }

    /// <summary>One line for a parse error: a value of the wrong type is said in words, naming the option; the others as the parser says them.</summary>
    public static string Describe(ParseError error)
    {
        var symbol = error.SymbolResult;
        if (!error.Message.StartsWith("Cannot parse argument", StringComparison.Ordinal) || symbol is null)
        {
            return error.Message;
        }

        // The value belongs to an option (its argument's result is a child of the option's) or is an argument itself.
        var option = symbol as OptionResult ?? symbol.Parent as OptionResult;
        var argument = symbol as ArgumentResult;
        var name = option?.Option.Name ?? argument?.Argument.Name;
        var type = option?.Option.ValueType ?? argument?.Argument.ValueType;
        var tokens = option?.Tokens ?? argument?.Tokens;
        var value = tokens is { Count: > 0 } ? tokens[^1].Value : null;
        if (name is null || type is null || value is null)
        {
            return error.Message;
        }

        return $"{name}: {Problem(value, Nullable.GetUnderlyingType(type) ?? type)}";
    }

    private static string Problem(string value, Type type)
    {
        if (type == typeof(int) || type == typeof(long))
        {
            var max = type == typeof(int) ? int.MaxValue : long.MaxValue;
            var digits = value.TrimStart('-', '+');
            return digits.Length > 0 && digits.All(char.IsAsciiDigit)
                ? string.Create(CultureInfo.InvariantCulture, $"'{value}' is too large: a whole number of at most {max:N0}")
                : $"'{value}' is not a whole number";
        }

        return type == typeof(bool) ? $"'{value}' is neither true nor false" : $"'{value}' is not a value this option takes";
    }

    private static bool IsText(Type type) => type == typeof(string) || type == typeof(string[]);

    private static void CheckNotEmpty(SymbolResult result, IReadOnlyList<Token> tokens, string name)
    {
        if (tokens.Any(t => string.IsNullOrWhiteSpace(t.Value)))
        {
            result.AddError($"{name}: {(PathNames.Contains(name) ? "an empty path" : "an empty value")}.");
        }
    }
}
