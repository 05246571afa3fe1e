namespace Credentials.WireFormat;

/// <summary>The three parts of a compact JWS (RFC 7515 §7.1), for messages.</summary>
internal enum JwsPart
{
    Header,
    Payload,
    Signature,
}
