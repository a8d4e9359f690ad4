using ApprovalFlow.Engine.Runtime;

namespace ApprovalFlow.Server.Runtime;

/// <summary>A deployed definition version ready to run.</summary>
/// <param name="Id">Row id.</param>
/// <param name="Key">The process key.</param>
/// <param name="Version">The version number.</param>
/// <param name="Name">The process name, or <see langword="null"/>.</param>
/// <param name="Process">The compiled process.</param>
public sealed record DeployedDefinition(Guid Id, string Key, int Version, string? Name, ExecutableProcess Process);
