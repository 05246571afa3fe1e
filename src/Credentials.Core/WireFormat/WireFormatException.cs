using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>
/// Input that is not what a stage of the wire format expects: not Base45, not zlib, not a JWS… The
/// <see cref="Code"/> names the stage; the message says what is wrong without echoing the input.
/// </summary>
public sealed class WireFormatException : FormatException
{
    public WireFormatException(FindingCode code, string message)
        : base(message) => Code = code;

    public WireFormatException()
        : this(FindingCode.NotJws, "the input is not in the expected format.")
    {
    }

    public WireFormatException(string message)
        : this(FindingCode.NotJws, message)
    {
    }

    public WireFormatException(string message, Exception innerException)
        : base(message, innerException) => Code = FindingCode.NotJws;

    public FindingCode Code { get; }

    public Finding ToFinding() => Finding.Error(Code, Message);
}
