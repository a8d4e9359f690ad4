using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions.Forms;

namespace ApprovalFlow.Server.Features.Tasks;

/// <summary>
/// A page of the web app that a user task opens instead of a form: the task's <c>camunda:formKey</c> is
/// <c>page:</c> followed by <see cref="Name"/> (e.g. <c>page:sessions</c>). The page keeps its own data (the
/// plan's content); completing the task asks the page what is still missing and which variables it gives
/// the process (e.g. a body's decision for the gateway after its stage).
/// </summary>
/// <remarks>Register implementations as scoped <see cref="ITaskPage"/> services; <see cref="TaskPages"/> finds them by name.</remarks>
public interface ITaskPage
{
    /// <summary>The name after <c>page:</c>, e.g. <c>sessions</c>; unique among the registered pages.</summary>
    string Name { get; }

    /// <summary>The app-relative URL of the page for <paramref name="task"/>, e.g. <c>/tasks/{id}/sessions</c>.</summary>
    /// <param name="task">An open or ended task whose form key names this page.</param>
    /// <returns>A path starting with <c>/</c>.</returns>
    string PathFor(UserTaskRecord task);

    /// <summary>
    /// What must still be done before <paramref name="task"/> may complete, keyed by the field or record it is
    /// about (e.g. <c>sessions[2].minutes</c>), each with English messages for the API's problem details; empty when complete.
    /// </summary>
    /// <param name="task">The task being completed.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>The missing pieces; empty when the task may complete.</returns>
    Task<IReadOnlyDictionary<string, string[]>> MissingAsync(UserTaskRecord task, CancellationToken cancellationToken);

    /// <summary>Variables the page gives the process when <paramref name="task"/> completes (they override the request's); empty for none.</summary>
    /// <param name="task">The task being completed.</param>
    /// <param name="cancellationToken">Cancels the database work.</param>
    /// <returns>Variable name to JSON value.</returns>
    Task<IReadOnlyDictionary<string, JsonElement>> VariablesAsync(UserTaskRecord task, CancellationToken cancellationToken);
}

/// <summary>The registered <see cref="ITaskPage"/>s, found by a task's form key (scoped).</summary>
/// <param name="pages">Every registered page.</param>
public sealed class TaskPages(IEnumerable<ITaskPage> pages)
{
    private readonly Dictionary<string, ITaskPage> _byName = pages.ToDictionary(p => p.Name, StringComparer.Ordinal);

    /// <summary>The names of the registered pages (what may follow <c>page:</c> in a form key).</summary>
    public IReadOnlyCollection<string> Names => _byName.Keys;

    /// <summary>Whether <paramref name="formKey"/> is a <c>page:</c> key (registered or not).</summary>
    /// <param name="formKey">A task's form key, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> for <c>page:...</c>.</returns>
    public static bool IsPageKey(string? formKey) => formKey?.StartsWith(FormDeployer.PagePrefix, StringComparison.Ordinal) == true;

    /// <summary>The page <paramref name="formKey"/> names, or <see langword="null"/> when it is no <c>page:</c> key or names no registered page.</summary>
    /// <param name="formKey">A task's form key, e.g. <c>page:sessions</c>.</param>
    /// <returns>The page, or <see langword="null"/>.</returns>
    public ITaskPage? Find(string? formKey) =>
        IsPageKey(formKey) && _byName.TryGetValue(formKey![FormDeployer.PagePrefix.Length..], out var page) ? page : null;
}
