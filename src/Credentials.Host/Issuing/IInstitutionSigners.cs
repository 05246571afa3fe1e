using Credentials.Model;
using Credentials.Signing;

namespace Credentials.Host.Issuing;

/// <summary>
/// The signing keys the host issues with, one current key per institution (from files or PKCS#11, as the CLI's),
/// with rotation: a new certificate takes over for new documents, and documents signed before still verify because
/// the registry keeps the old certificate. Used for QR documents, wallet credentials and the lists alike.
/// </summary>
internal interface IInstitutionSigners
{
    /// <summary>The institutions this host can sign for.</summary>
    IReadOnlyList<InstitutionId> Institutions { get; }

    /// <summary>The current signer of <paramref name="institution"/>, or <see langword="null"/> when this host has no key for it.</summary>
    ICertificateSigner? Current(InstitutionId institution);
}
