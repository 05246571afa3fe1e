using Credentials.Host.Tests.Support;

namespace Credentials.Host.Tests.Pages;

/// <summary>A page fixture whose Chromium's camera films our QR code (a fake video capture file made from it).</summary>
public sealed class CameraFixture : PageFixture
{
    protected override string[] BrowserArguments(PageFixture fixture)
    {
        var video = FakeCamera.Write(fixture.Document.QrText, fixture.Scenario.DataFolder);
        return ["--use-fake-device-for-media-stream", "--use-fake-ui-for-media-stream", $"--use-file-for-fake-video-capture={video}"];
    }
}
