using System.Xml.Linq;
using Credentials.Printing;

namespace Credentials.Tests.Printing;

/// <summary>The QR symbol drawn for a QR text: the version and error correction the EC specification asks for, and the SVG form.</summary>
public sealed class QrCodeWriterTests
{
    [Fact]
    public void The_EC_example_needs_version_18_at_error_correction_L_as_the_spec_says()
    {
        using var symbol = QrCodeWriter.Encode(Repository.ReadText(Repository.Vectors("ec-prc-john-doe", "qr.base45.txt")));
        Assert.Equal(18, symbol.Version);
    }

    [Fact]
    public void The_version_is_the_smallest_that_holds_the_text_in_alphanumeric_mode_at_level_L()
    {
        // ISO/IEC 18004 Table 7, alphanumeric capacity at level L: version 15 holds 758, version 16 holds 854.
        using (var v15 = QrCodeWriter.Encode(new string('A', 758)))
        {
            Assert.Equal(15, v15.Version);
        }

        using var v16 = QrCodeWriter.Encode(new string('A', 759));
        Assert.Equal(16, v16.Version);
    }

    [Fact]
    public void The_SVG_draws_modules_as_vectors_with_a_quiet_zone()
    {
        var svg = XDocument.Parse(QrCodeWriter.ToSvg("HELLO", pixelsPerModule: 10));
        Assert.Equal("svg", svg.Root!.Name.LocalName);
        Assert.Contains(svg.Descendants(), e => e.Name.LocalName is "path" or "rect");
        // Version 1 is 21 modules; with four quiet modules on each side, 29 modules in the view box.
        Assert.Equal("0 0 29 29", svg.Root.Attribute("viewBox")?.Value);
    }
}
