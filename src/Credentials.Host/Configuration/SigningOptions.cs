namespace Credentials.Host.Configuration;

/// <summary>
/// The section <c>Credentials:Signing</c>: the keys the host signs documents and lists with, per institution. With no
/// institution configured and the generated test issuer as the trust source, the host signs for the test issuer.
/// </summary>
internal sealed class SigningOptions
{
    /// <summary>The institutions this host issues for, each with its keys (a list: an institution id holds a colon, which a configuration key cannot).</summary>
    public List<SigningInstitutionOptions> Institutions { get; set; } = [];
}
