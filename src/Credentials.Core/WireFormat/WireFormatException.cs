using Credentials.Labels;
using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// Input that is not what a stage of the wire format expects: not Base45, not zlib, not a JWS… The
/// <see cref="Code"/> names the stage; the <see cref="Text"/> says what is wrong, in any language, without echoing
/// the input (<see cref="Exception.Message"/> is its English).
/// </summary>
public sealed class WireFormatException : FormatException
{
    /// <summary>Input that failed at the stage <paramref name="code"/> names, with the reason in any language.</summary>
    public WireFormatException(FindingCode code, MessageText text)
        : base((text ?? throw new ArgumentNullException(nameof(text))).ToString())
    {
        Code = code;
        Text = text;
    }

    /// <summary>The standard constructor (CA1032): <see cref="FindingCode.NotJws"/> with its default message.</summary>
    public WireFormatException()
        : this(FindingCode.NotJws, MessageText.Of(FindingCode.NotJws.DefaultMessageKey()))
    {
    }

    /// <summary>The standard constructor (CA1032): <see cref="FindingCode.NotJws"/> with the message as given.</summary>
    public WireFormatException(string message)
        : base(message)
    {
        Code = FindingCode.NotJws;
        Text = MessageText.Untranslated(message);
    }

    /// <summary>The standard constructor (CA1032): <see cref="FindingCode.NotJws"/> with the message and its cause.</summary>
    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = FindingCode.NotJws;
        Text = MessageText.Untranslated(message);
    }

    /// <summary>The stage that broke, e.g. <see cref="FindingCode.NotBase45"/>.</summary>
    public FindingCode Code { get; }

    /// <summary>What is wrong, to be rendered in any language.</summary>
    public MessageText Text { get; }

    /// <summary>The failure as a blocking finding of step 2, for the report.</summary>
    public Finding ToFinding() => Finding.Error(Code, Text);
}
