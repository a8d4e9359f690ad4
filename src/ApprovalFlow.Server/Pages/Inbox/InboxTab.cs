namespace ApprovalFlow.Server.Pages.Inbox;

/// <summary>A tab of the inbox and the task list behind it (<c>GET /api/tasks</c>'s scope and status).</summary>
/// <param name="Id">The tab's value in the URL (<c>?tab=</c>).</param>
/// <param name="Scope">The list's scope: <c>mine</c> or <c>group</c>.</param>
/// <param name="Status">The list's status: <c>open</c> or <c>completed</c>.</param>
/// <param name="TextKey">Resource key of the tab's name.</param>
/// <param name="EmptyKey">Resource key of the text shown when it is empty.</param>
public sealed record InboxTab(string Id, string Scope, string Status, string TextKey, string EmptyKey)
{
    /// <summary>Tasks assigned to me.</summary>
    public static readonly InboxTab Mine = new("mine", "mine", "open", "TabMine", "EmptyMine");

    /// <summary>Unclaimed tasks offered to my groups or to me.</summary>
    public static readonly InboxTab Group = new("group", "group", "open", "TabGroup", "EmptyGroup");

    /// <summary>Tasks I completed.</summary>
    public static readonly InboxTab Completed = new("completed", "mine", "completed", "TabCompleted", "EmptyCompleted");

    /// <summary>The tabs in display order.</summary>
    public static readonly IReadOnlyList<InboxTab> All = [Mine, Group, Completed];

    /// <summary>The tab named <paramref name="id"/>, or <see cref="Mine"/>.</summary>
    public static InboxTab Find(string? id) => All.FirstOrDefault(t => t.Id == id) ?? Mine;
}
