using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Credentials.Storage.Accounts;

/// <summary>
/// A person's password as the database keeps it: PBKDF2 with HMAC-SHA-256 (RFC 8018 §5.2, the BCL's
/// <see cref="Rfc2898DeriveBytes.Pbkdf2(string, byte[], int, HashAlgorithmName, int)"/>), a random 16-byte salt per
/// password and 600,000 iterations (OWASP's figure for PBKDF2-HMAC-SHA256), written
/// <c>pbkdf2-sha256$iterations$salt$hash</c> so a later program can raise the count and still read older hashes.
/// Unlike an API key, a password is chosen by a person and guessable: the slow, salted hash is what makes a stolen
/// database expensive to guess through.
/// </summary>
internal static class PasswordHash
{
    private const string Scheme = "pbkdf2-sha256";
    private const int Iterations = 600_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A hash of a password nobody has: what a sign-in for an unknown user is checked against, so it takes as long as a known one.</summary>
    public static readonly string Unmatchable = Hash(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));

    /// <summary>The stored form of <paramref name="password"/>, with a new salt.</summary>
    public static string Hash(string password)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, Iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${Iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>Whether <paramref name="password"/> is the one <paramref name="stored"/> was made from (compared in fixed time).</summary>
    public static bool Verify(string password, string stored)
    {
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations is < 1 or > 10_000_000)
        {
            return false;
        }

        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }
}
