namespace Credentials.Scanning;

/// <summary>
/// Checks the marker structure of a JPEG (ITU-T T.81 Annex B) before it reaches the decoder: every segment's
/// length must fit in the file. StbImageSharp loops forever on a header segment that runs past the end of the
/// data, so a truncated or crafted file must be refused here.
/// </summary>
internal static class JpegStructure
{
    public static bool IsWellFormed(ReadOnlySpan<byte> file)
    {
        // B.1.1.3: SOI first.
        if (file.Length < 4 || file[0] != 0xFF || file[1] != 0xD8)
        {
            return false;
        }

        var position = 2;
        var sawFrame = false;
        while (position < file.Length)
        {
            if (file[position] != 0xFF)
            {
                return false;
            }

            // B.1.1.2: any number of 0xFF fill bytes may precede a marker.
            while (position < file.Length && file[position] == 0xFF)
            {
                position++;
            }

            if (position >= file.Length)
            {
                return false;
            }

            var marker = file[position++];
            if (marker == 0xD9)
            {
                return sawFrame; // EOI
            }

            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                continue; // TEM and RSTn stand alone
            }

            // B.1.1.4: a two-byte length that counts itself.
            if (position + 2 > file.Length)
            {
                return false;
            }

            var length = (file[position] << 8) | file[position + 1];
            if (length < 2 || position + length > file.Length)
            {
                return false;
            }

            sawFrame |= marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC;
            position += length;
            if (marker == 0xDA)
            {
                // Entropy-coded data follows SOS up to the next marker that is not a stuffed 0xFF00 or a restart.
                while (position + 1 < file.Length && !(file[position] == 0xFF && file[position + 1] is not 0x00 and not (>= 0xD0 and <= 0xD7)))
                {
                    position++;
                }

                if (position + 1 >= file.Length)
                {
                    // A scan cut short is still decodable (the rest reads as blank); its headers were all complete.
                    return sawFrame;
                }
            }
        }

        return sawFrame;
    }
}
