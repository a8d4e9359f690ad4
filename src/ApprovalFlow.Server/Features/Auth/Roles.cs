namespace ApprovalFlow.Server.Features.Auth;

/// <summary>The roles of ApprovalFlow users (ASP.NET Core Identity roles).</summary>
public static class Roles
{
    /// <summary>Runs the service: assigns tasks, sees everything, retries incidents.</summary>
    public const string Admin = "admin";

    /// <summary>Deploys definitions and oversees their instances.</summary>
    public const string ProcessOwner = "process-owner";

    /// <summary>Works tasks in the inbox.</summary>
    public const string Official = "official";

    /// <summary>
    /// A machine account of an integration (a mail gateway, another system): may send messages that
    /// carry variables into the instances it can see, which officials may not, and works external tasks
    /// through <c>/engine-rest</c> (HTTP Basic or bearer token; <see cref="ExternalTasks.ExternalTasksModule"/>).
    /// </summary>
    public const string Worker = "worker";

    /// <summary>Every role, in the order the seed creates them.</summary>
    public static IReadOnlyList<string> All { get; } = [Admin, ProcessOwner, Official, Worker];
}

/// <summary>Authorization policy names.</summary>
public static class Policies
{
    /// <summary>Any signed-in user (the default for every API group).</summary>
    public const string SignedIn = "signed-in";

    /// <summary>Admins and process owners: deploy, see all instances and tasks.</summary>
    public const string ProcessOwner = "process-owner";

    /// <summary>Admins only.</summary>
    public const string Admin = "admin";
}
