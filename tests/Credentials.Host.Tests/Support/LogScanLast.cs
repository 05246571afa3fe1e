using Xunit.Abstractions;
using Xunit.Sdk;

namespace Credentials.Host.Tests.Support;

/// <summary>Runs the test collections in name order, the log scan last, so that it scans the logs of every other test.</summary>
public sealed class LogScanLast : ITestCollectionOrderer
{
    public const string Collection = "zz Log scan";

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections.OrderBy(c => c.DisplayName == Collection ? 1 : 0).ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
