using System.Diagnostics;
using Credentials.Scanning;
using UglyToad.PdfPig;

namespace Credentials.Tests.Support;

/// <summary>What a reader of our PDFs sees: the text a viewer extracts (PdfPig), and pages rendered as a printer or scanner would (poppler's pdftoppm).</summary>
internal static class PdfTools
{
    /// <summary>The text of every page, as a viewer's search or copy finds it.</summary>
    public static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().Select(page => string.Join(" ", page.GetWords().Select(word => word.Text))));
    }

    public static int PageCount(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    /// <summary>Page 1 rendered in grey at a resolution, by pdftoppm (installed by .ci/run).</summary>
    public static GreyImage Render(byte[] pdf, int dpi, int page = 1)
    {
        var folder = Directory.CreateTempSubdirectory("credentials-render-").FullName;
        try
        {
            var input = Path.Combine(folder, "in.pdf");
            File.WriteAllBytes(input, pdf);
            var start = new ProcessStartInfo("pdftoppm", ["-r", dpi.ToString(System.Globalization.CultureInfo.InvariantCulture), "-gray", "-png", "-f", page.ToString(System.Globalization.CultureInfo.InvariantCulture), "-singlefile", input, Path.Combine(folder, "page")])
            {
                RedirectStandardError = true,
            };
            using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftoppm did not start (install poppler-utils).");
            var errors = process.StandardError.ReadToEnd();
            process.WaitForExit();
            Assert.True(process.ExitCode == 0, $"pdftoppm failed: {errors}");
            return ImageTools.DecodePng(File.ReadAllBytes(Path.Combine(folder, "page.png")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
