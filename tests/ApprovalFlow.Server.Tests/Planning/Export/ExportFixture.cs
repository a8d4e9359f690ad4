using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Planning.Export;

/// <summary>
/// The service on a database of its own for the export and trace tests: their seeded cycles add working
/// groups without directory attributes, which the planning directory of the other tests (a full cycle starts
/// every working group of the directory) must not see.
/// </summary>
public sealed class ExportFixture : ServiceFixture;

[CollectionDefinition(Name)]
public sealed class ExportGroup : ICollectionFixture<ExportFixture>
{
    public const string Name = "export";
}
