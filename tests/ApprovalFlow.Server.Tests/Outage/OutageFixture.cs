using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Outage;

/// <summary>The service (real Hangfire) on a database of an <see cref="OwnCluster"/>, which the tests stop and start.</summary>
public sealed class OutageFixture : ServiceFixture
{
    public OwnCluster Cluster { get; private set; } = null!;

    protected override async Task<TestDatabase> CreateDatabaseAsync()
    {
        Cluster = await OwnCluster.CreateAsync();
        return await TestDatabase.CreateAsync(Cluster.AdminConnectionString);
    }

    public override async Task DisposeAsync()
    {
        await Cluster.StartAsync();
        await base.DisposeAsync();
        await Cluster.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class OutageGroup : ICollectionFixture<OutageFixture>
{
    public const string Name = "outage";
}
