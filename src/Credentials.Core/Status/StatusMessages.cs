using Credentials.Labels;

namespace Credentials.Status;

/// <summary>The status step's reasons (EC ePRC spec §5 step 6) that every checker shares, as keys of the label data.</summary>
internal static class StatusMessages
{
    public static MessageText NoSource() => MessageText.Of("status.noSource");

    public static MessageText Offline() => MessageText.Of("status.offline");
}
