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
    public WireFormatException(FindingCode code, MessageText text)
        : base((text ?? throw new ArgumentNullException(nameof(text))).ToString())
    {
        Code = code;
        Text = text;
    }

    public WireFormatException()
        : this(FindingCode.NotJws, MessageText.Of(FindingCode.NotJws.DefaultMessageKey()))
    {
    }

    public WireFormatException(string message)
        : base(message)
    {
        Code = FindingCode.NotJws;
        Text = MessageText.Untranslated(message);
    }

    public WireFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = FindingCode.NotJws;
        Text = MessageText.Untranslated(message);
    }

    public FindingCode Code { get; }

    /// <summary>What is wrong, to be rendered in any language.</summary>
    public MessageText Text { get; }

    public Finding ToFinding() => Finding.Error(Code, Text);
}
