namespace Credentials.Host.Configuration;

/// <summary>One entry of <c>Credentials:Signing:Institutions</c>: an institution and its signing keys over time.</summary>
internal sealed class SigningInstitutionOptions
{
    /// <summary>The institution, <c>CC:ID</c> (e.g. <c>BE:0120</c>).</summary>
    public string? Institution { get; set; }

    /// <summary>
    /// Its keys, each from its <see cref="SigningKeySettings.From"/> instant: the newest one whose instant has come and
    /// whose certificate is valid signs; older ones stay listed so what they signed still reads (the registry keeps
    /// their certificates).
    /// </summary>
    public List<SigningKeySettings> Keys { get; set; } = [];
}
