using System.Text;
using Credentials.Printing;
using StbImageSharp;

namespace Credentials.Host.Tests.Support;

/// <summary>
/// A video file for Chromium's fake camera (<c>--use-file-for-fake-video-capture</c>): our QR code, as the host
/// prints it, centred on a white 960×720 picture, as YUV4MPEG2 4:2:0 frames (the format Chromium reads).
/// </summary>
public static class FakeCamera
{
    private const int Width = 960;
    private const int Height = 720;

    public static string Write(string qrText, string folder)
    {
        var png = QrCodeWriter.ToPng(qrText);
        var image = ImageResult.FromMemory(png, ColorComponents.Grey);
        var side = Math.Min(Width, Height) - 80;
        var luma = new byte[Width * Height];
        Array.Fill(luma, (byte)235);
        int left = (Width - side) / 2, top = (Height - side) / 2;
        for (var y = 0; y < side; y++)
        {
            for (var x = 0; x < side; x++)
            {
                var source = image.Data[(y * image.Height / side * image.Width) + (x * image.Width / side)];
                luma[((top + y) * Width) + left + x] = source < 128 ? (byte)16 : (byte)235;
            }
        }

        var chroma = new byte[Width / 2 * (Height / 2)];
        Array.Fill(chroma, (byte)128);
        var path = Path.Combine(folder, "qr-camera.y4m");
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{Width} H{Height} F10:1 Ip A1:1 C420jpeg\n"));
        for (var frame = 0; frame < 10; frame++)
        {
            file.Write("FRAME\n"u8);
            file.Write(luma);
            file.Write(chroma);
            file.Write(chroma);
        }

        return path;
    }
}
