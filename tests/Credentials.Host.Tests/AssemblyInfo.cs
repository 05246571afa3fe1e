// One test at a time: the page tests drive a browser and a Kestrel each, and the log scan must come after everything.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
[assembly: TestCollectionOrderer("Credentials.Host.Tests.Support.LogScanLast", "Credentials.Host.Tests")]
