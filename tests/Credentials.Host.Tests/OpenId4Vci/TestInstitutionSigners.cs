using Credentials.Host.Issuing;
using Credentials.Model;
using Credentials.Signing;

namespace Credentials.Host.Tests.OpenId4Vci;

/// <summary>The host's per-institution signers for these tests: the scenario's one signer for its institution.</summary>
internal sealed class TestInstitutionSigners(InstitutionId institution, ICertificateSigner signer) : IInstitutionSigners
{
    public IReadOnlyList<InstitutionId> Institutions => [institution];

    public ICertificateSigner? Current(InstitutionId asked) => asked == institution ? signer : null;
}
