using Credentials.Host.Issuing;
using Credentials.Model;
using Credentials.Signing;

namespace Credentials.LoadClient;

/// <summary>The host's signer for the one institution of the load run.</summary>
internal sealed class LoadSigners(InstitutionId institution, ICertificateSigner signer) : IInstitutionSigners
{
    public IReadOnlyList<InstitutionId> Institutions => [institution];

    public ICertificateSigner? Current(InstitutionId asked) => asked == institution ? signer : null;
}
