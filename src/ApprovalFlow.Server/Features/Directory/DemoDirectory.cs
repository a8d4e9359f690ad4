using System.Text.Json;
using System.Text.Json.Serialization;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Planning;

namespace ApprovalFlow.Server.Features.Directory;

/// <summary>A group of a directory file.</summary>
/// <param name="Id">Stable id used in BPMN candidate groups, e.g. <c>planning-office</c>.</param>
/// <param name="Name">Display name (Persian).</param>
/// <param name="Kind">Kind of group, e.g. <c>unit</c>, <c>working-group</c>, <c>theme-coordinators</c>, <c>body-secretariat</c> (free text; the planning kinds are in <see cref="PlanningGroupKinds"/>).</param>
/// <param name="Attributes">Metadata as a JSON object whose members depend on <paramref name="Kind"/>, or <see langword="null"/>.</param>
internal sealed record DirectoryFileGroup(string Id, string Name, string Kind, JsonElement? Attributes = null);

/// <summary>A user of a directory file.</summary>
/// <param name="Email">E-mail, also the user name.</param>
/// <param name="DisplayName">Name shown to people (Persian).</param>
/// <param name="Roles">Roles (see <see cref="Auth.Roles"/>); default <c>official</c>.</param>
/// <param name="Groups">Ids of groups of the same file the user belongs to; default none.</param>
internal sealed record DirectoryFileUser(string Email, string DisplayName, IReadOnlyList<string>? Roles = null, IReadOnlyList<string>? Groups = null)
{
    /// <summary><see cref="Roles"/>, or <c>official</c> when the file names none.</summary>
    public IReadOnlyList<string> RolesOrDefault => Roles is { Count: > 0 } ? Roles : [Auth.Roles.Official];

    /// <summary><see cref="Groups"/>, or none.</summary>
    public IReadOnlyList<string> GroupsOrEmpty => Groups ?? [];
}

/// <summary>
/// A directory file: groups and users with their roles and memberships (format in
/// <c>deploy/seed/README.md</c>). Loading checks the whole file and reports every problem at once.
/// </summary>
/// <param name="Groups">The groups.</param>
/// <param name="Users">The users.</param>
internal sealed record DemoDirectory(IReadOnlyList<DirectoryFileGroup> Groups, IReadOnlyList<DirectoryFileUser> Users)
{
    private static readonly HashSet<string> KnownRoles = new(Roles.All, StringComparer.Ordinal);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        AllowTrailingCommas = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>Reads and checks the directory file at <paramref name="path"/>.</summary>
    /// <param name="path">Full path of the JSON file.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <exception cref="DemoSeedException">The file cannot be read, is not valid JSON of this format, or breaks a rule (duplicate ids, unknown group or role, attributes of a planning group kind that are missing, malformed or name unknown themes, levels or groups).</exception>
    public static async Task<DemoDirectory> LoadAsync(string path, CancellationToken cancellationToken)
    {
        DemoDirectory? directory;
        try
        {
            await using var stream = File.OpenRead(path);
            directory = await JsonSerializer.DeserializeAsync<DemoDirectory>(stream, Json, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new DemoSeedException($"The directory file '{path}' cannot be read: {e.Message}", e);
        }

        if (directory is null)
        {
            throw new DemoSeedException($"The directory file '{path}' is empty (null).");
        }

        var problems = directory.Problems();
        return problems.Count == 0
            ? directory
            : throw new DemoSeedException($"The directory file '{path}' is invalid: {string.Join(" ", problems)}");
    }

    private List<string> Problems()
    {
        var problems = new List<string>();
        var groupIds = new HashSet<string>(StringComparer.Ordinal);
        foreach (var group in Groups)
        {
            if (string.IsNullOrWhiteSpace(group.Id) || string.IsNullOrWhiteSpace(group.Name) || string.IsNullOrWhiteSpace(group.Kind))
            {
                problems.Add($"Group '{group.Id}' needs a non-empty id, name and kind.");
            }
            else if (!groupIds.Add(group.Id))
            {
                problems.Add($"Group '{group.Id}' appears twice.");
            }
        }

        problems.AddRange(PlanningGroupAttributes.Problems(Groups.Select(g => (g.Id, g.Kind, g.Attributes)).ToList()));
        var emails = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var user in Users)
        {
            if (string.IsNullOrWhiteSpace(user.Email) || string.IsNullOrWhiteSpace(user.DisplayName))
            {
                problems.Add($"User '{user.Email}' needs a non-empty email and displayName.");
            }
            else if (!emails.Add(user.Email))
            {
                problems.Add($"User '{user.Email}' appears twice.");
            }

            problems.AddRange(user.GroupsOrEmpty.Where(g => !groupIds.Contains(g)).Select(g => $"User '{user.Email}' is in group '{g}', which the file does not define."));
            problems.AddRange(user.RolesOrDefault.Where(r => !KnownRoles.Contains(r)).Select(r => $"User '{user.Email}' has unknown role '{r}' (known: {string.Join(", ", KnownRoles)})."));
        }

        return problems;
    }
}

/// <summary>The demo seed cannot run: its directory file is missing or invalid, or Identity refused a user or role.</summary>
public sealed class DemoSeedException : ApprovalFlowException
{
    /// <summary>Creates the exception with a message naming the file, user or role involved.</summary>
    /// <param name="message">What is wrong, for people.</param>
    public DemoSeedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    /// <param name="message">What is wrong, for people.</param>
    /// <param name="innerException">The cause.</param>
    public DemoSeedException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }
}
