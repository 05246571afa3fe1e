using System.Globalization;
using Credentials.Labels;

namespace Credentials.Net;

/// <summary>Why a download failed, as keys of the label data; the address is named without its query.</summary>
internal static class DownloadMessages
{
    public static MessageText NotHttp(string address, string scheme) => MessageText.Of("download.notHttp", ("address", address), ("scheme", scheme));

    /// <summary>The server's status; its reason phrase is the server's own text and is shown as it came.</summary>
    public static MessageText Status(string address, int status, string? reason) => MessageText.Of("download.status", ("address", address), ("status", status), ("reason", reason ?? string.Empty));

    public static MessageText AnnouncesTooMuch(string address, long length, long max) => MessageText.Of("download.announcesTooMuch", ("address", address), ("length", length), ("max", Bytes(max)));

    public static MessageText BodyTooLong(string address, long max) => MessageText.Of("download.bodyTooLong", ("address", address), ("max", Bytes(max)));

    public static MessageText Timeout(string address, TimeSpan timeout) => MessageText.Of("download.timeout", ("address", address), ("seconds", timeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)));

    public static MessageText RequestFailed(string address, HttpRequestError error) => MessageText.Of(
        error switch
        {
            HttpRequestError.NameResolutionError => "download.nameResolution",
            HttpRequestError.ConnectionError => "download.connection",
            HttpRequestError.SecureConnectionError => "download.tls",
            HttpRequestError.ResponseEnded => "download.ended",
            _ => "download.failed",
        },
        ("address", address));

    public static MessageText Broken(string address) => MessageText.Of("download.broken", ("address", address));

    /// <summary>A size for people: "5 MiB", "512 KiB", "100 bytes".</summary>
    private static MessageText Bytes(long bytes) =>
        bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0 ? MessageText.Of("bytes.mib", ("count", bytes / (1024 * 1024)))
        : bytes >= 1024 && bytes % 1024 == 0 ? MessageText.Of("bytes.kib", ("count", bytes / 1024))
        : MessageText.Of("bytes.plain", ("count", bytes));
}
