namespace Credentials.Host.Publishing;

/// <summary>A file as served: its bytes, its ETag (a digest of them) and when it was written.</summary>
internal sealed record PublishedFile(byte[] Content, string ETag, DateTimeOffset WrittenAt, string Extension);
