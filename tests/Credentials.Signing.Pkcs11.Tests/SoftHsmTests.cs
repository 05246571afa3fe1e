namespace Credentials.Signing.Pkcs11.Tests;

/// <summary>
/// Every test that uses the SoftHSM2 token runs in this one collection, one at a time: a login is the process'
/// (PKCS#11), so a wrong-PIN test must not run while another test's signer is logged in.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SoftHsmTests : ICollectionFixture<SoftHsmFixture>
{
    public const string Name = "SoftHSM2";
}
