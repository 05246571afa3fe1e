namespace Credentials.Host.Tests.Issuing;

/// <summary>The collection of the tests that share the run's one SoftHSM2 (its configuration is the process' environment).</summary>
[CollectionDefinition(Name)]
public sealed class SigningTests : ICollectionFixture<SoftHsmTokenFixture>
{
    public const string Name = "Host signing keys";
}
