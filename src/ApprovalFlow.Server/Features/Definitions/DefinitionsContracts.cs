namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// The answer to <c>POST /api/definitions</c>: the file's first process as <c>{id, key, version, name}</c>,
/// and every process of the file in <see cref="Processes"/> (a file may hold a parent process and the
/// children it calls; each is deployed as a version of its own key).
/// </summary>
/// <param name="Id">Row id of the first process's version.</param>
/// <param name="Key">The first process's id (definition key).</param>
/// <param name="Version">Its version.</param>
/// <param name="Name">Its name, or <see langword="null"/>.</param>
/// <param name="Processes">Every process of the file, in document order (the first one included).</param>
public sealed record DeploymentResponse(Guid Id, string Key, int Version, string? Name, IReadOnlyList<DeployedProcessResponse> Processes);

/// <summary>One deployed process of a file.</summary>
/// <param name="Id">Row id of the version.</param>
/// <param name="Key">The process id (definition key).</param>
/// <param name="Version">The version.</param>
/// <param name="Name">The process name, or <see langword="null"/>.</param>
/// <param name="Executable"><see langword="false"/> for <c>isExecutable="false"</c>: stored to be viewed, not startable.</param>
public sealed record DeployedProcessResponse(Guid Id, string Key, int Version, string? Name, bool Executable);

/// <summary>One error of a rejected BPMN file, in the <c>errors</c> member of the 422 problem.</summary>
/// <param name="ElementId">The offending element's id, or <see langword="null"/> (e.g. malformed XML).</param>
/// <param name="Line">1-based line; 0 when unknown.</param>
/// <param name="Column">1-based column; 0 when unknown.</param>
/// <param name="Code">Stable machine-readable code, e.g. <c>missing-assignment</c>.</param>
/// <param name="Message">What is wrong, for people.</param>
public sealed record DefinitionErrorResponse(string? ElementId, int Line, int Column, string Code, string Message);

/// <summary>A definition key with its latest version (<c>GET /api/definitions</c>).</summary>
/// <param name="Key">The definition key.</param>
/// <param name="Name">The latest version's process name, or <see langword="null"/>.</param>
/// <param name="LatestVersion">The highest version.</param>
/// <param name="DeployedAt">When the latest version was deployed (UTC).</param>
/// <param name="Executable"><see langword="false"/> when the latest version is <c>isExecutable="false"</c>: viewable, not startable.</param>
/// <param name="RunningInstances">Active instances of the key, over all its versions.</param>
public sealed record DefinitionSummaryResponse(string Key, string? Name, int LatestVersion, DateTimeOffset DeployedAt, bool Executable, int RunningInstances);

/// <summary>One version of a definition (<c>GET /api/definitions/{key}</c>).</summary>
/// <param name="Id">Row id.</param>
/// <param name="Key">The definition key.</param>
/// <param name="Version">The version.</param>
/// <param name="Name">The process name, or <see langword="null"/>.</param>
/// <param name="Sha256">Lower-case hex SHA-256 of the file's UTF-8 text.</param>
/// <param name="DeployedAt">When it was deployed (UTC).</param>
/// <param name="DeployedBy">The deploying user's id, or <c>system</c>.</param>
/// <param name="Executable"><see langword="false"/> for <c>isExecutable="false"</c>: the version can be viewed, not started.</param>
/// <param name="RunningInstances">Active instances on this version (instances stay on the version they started on).</param>
/// <param name="FromDraft">The designer draft it was deployed from, or <see langword="null"/> (deployed as a file).</param>
/// <param name="NextTimerStartAt">
/// The next scheduled firing of the version's timer start events (UTC; the earliest when it has several), or
/// <see langword="null"/>: no timer start, done firing, or not the latest version (only the latest fires).
/// </param>
public sealed record DefinitionVersionResponse(
    Guid Id, string Key, int Version, string? Name, string Sha256, DateTimeOffset DeployedAt, string DeployedBy, bool Executable, int RunningInstances, DraftSourceResponse? FromDraft,
    DateTimeOffset? NextTimerStartAt = null);

/// <summary>The designer draft a version was deployed from.</summary>
/// <param name="UserId">The draft owner's user id.</param>
/// <param name="UserName">The owner's display name, or <see langword="null"/> when the user no longer exists.</param>
/// <param name="SavedAt">When the draft was last saved (UTC).</param>
public sealed record DraftSourceResponse(string UserId, string? UserName, DateTimeOffset SavedAt);
