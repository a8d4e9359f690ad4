using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Migrations;

/// <summary>
/// The service on a database of its own for migration tests: they deploy new versions of definitions
/// (also of <c>mid-term-plan</c>), which must not change what other tests start.
/// </summary>
public sealed class MigrationFixture : ServiceFixture;

[CollectionDefinition(Name)]
public sealed class MigrationGroup : ICollectionFixture<MigrationFixture>
{
    public const string Name = "migration";
}
