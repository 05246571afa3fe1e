using Microsoft.AspNetCore.Http.Metadata;

namespace Credentials.Host;

/// <summary>
/// An endpoint's own request body limit (the verify uploads), above the host's small default: the whole body, and a
/// multipart form's body alike; every other form limit stays the platform's.
/// </summary>
internal sealed class BodySizeLimit(long bytes) : IRequestSizeLimitMetadata, IFormOptionsMetadata
{
    public long? MaxRequestBodySize => bytes;

    public long? MultipartBodyLengthLimit => bytes;

    public bool? BufferBody => null;

    public int? MemoryBufferThreshold => null;

    public long? BufferBodyLengthLimit => null;

    public int? ValueCountLimit => null;

    public int? KeyLengthLimit => null;

    public int? ValueLengthLimit => null;

    public int? MultipartBoundaryLengthLimit => null;

    public int? MultipartHeadersCountLimit => null;

    public int? MultipartHeadersLengthLimit => null;
}
