using System.Globalization;
using System.Text;
using Credentials.IO;

// Usage: FILE NAME COUNT. Adds the lines "NAME 1" … "NAME COUNT" to FILE, one read-modify-write each, under the
// shared file's lock, as a revocation writer adds one entry to a list. Exit 0 when done, 2 with one line on error.
if (args.Length != 3 || !int.TryParse(args[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
{
    Console.Error.WriteLine("usage: FILE NAME COUNT");
    return 2;
}

try
{
    for (var i = 1; i <= count; i++)
    {
        var line = $"{args[1]} {i}\n";
        SharedFile.Update(args[0], current => [.. current ?? [], .. Encoding.UTF8.GetBytes(line)], maxBytes: 1 << 20, timeout: TimeSpan.FromSeconds(60));
    }

    return 0;
}
catch (IOException e)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}
