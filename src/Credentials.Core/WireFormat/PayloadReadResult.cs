using Credentials.Model;

namespace Credentials.WireFormat;

/// <summary>The outcome of reading a payload: the payload when no blocking finding was made, and every finding.</summary>
public sealed record PayloadReadResult(QrTokenPayload? Payload, IReadOnlyList<Finding> Findings)
{
    /// <summary>Whether the payload could be read (there may still be warnings in <see cref="Findings"/>).</summary>
    public bool Succeeded => Payload is not null;
}
