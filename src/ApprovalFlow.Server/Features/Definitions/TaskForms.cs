using System.Collections.Concurrent;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Definitions.Forms;
using ApprovalFlow.Server.Web;
using Microsoft.EntityFrameworkCore;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// The deployed task forms by key and version (<see cref="FormRecord"/>), and the check that a completion
/// fills its form as form-js would let it be submitted (see <see cref="FormValidator"/>): every field at any
/// depth, each rule, conditions, and no names the form does not define. A task is checked against the form
/// version it was created with (<see cref="UserTaskRecord.FormVersion"/>); a task without one is not checked.
/// A version never changes once deployed, so each is read from the database once and kept. Thread-safe singleton.
/// </summary>
public sealed class TaskForms(IServiceScopeFactory scopes)
{
    private readonly ConcurrentDictionary<(string Key, int Version), Lazy<Task<LoadedForm?>>> _forms = new();

    /// <summary>
    /// Every problem of <paramref name="variables"/> as the completion of a task with version
    /// <paramref name="formVersion"/> of form <paramref name="formKey"/>, keyed by data path
    /// (<c>stakeholders[0].name</c>); empty when the form is filled correctly or the task has no form version.
    /// </summary>
    /// <param name="formKey">The task's <c>camunda:formKey</c>, or <see langword="null"/>.</param>
    /// <param name="formVersion">The task's form version, or <see langword="null"/> for none.</param>
    /// <param name="variables">The submitted variables, or <see langword="null"/> for none.</param>
    /// <param name="processVariables">
    /// Reads the variables the task sees, for names a condition uses that the submission does not hold;
    /// called only for a form with conditions.
    /// </param>
    /// <param name="cancellationToken">Cancels reading the form and the process variables.</param>
    public async Task<IReadOnlyDictionary<string, List<string>>> CheckAsync(
        string? formKey, int? formVersion, IReadOnlyDictionary<string, JsonElement>? variables,
        Func<CancellationToken, Task<IReadOnlyDictionary<string, JsonElement>>> processVariables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processVariables);
        if (await FindAsync(formKey, formVersion, cancellationToken) is not { } form)
        {
            return new Dictionary<string, List<string>>();
        }

        var context = form.Form.HasConditions ? await processVariables(cancellationToken) : new Dictionary<string, JsonElement>();
        var data = JsonSerializer.SerializeToElement(variables ?? new Dictionary<string, JsonElement>());
        return FormValidator.Validate(form.Form, data, name => context.TryGetValue(name, out var value) ? value : null);
    }

    /// <summary>
    /// The schema of version <paramref name="formVersion"/> of <paramref name="formKey"/> as JSON safe inside a
    /// <c>&lt;script type="application/json"&gt;</c> block, or <see langword="null"/> when there is none.
    /// </summary>
    /// <param name="formKey">The form key, or <see langword="null"/>.</param>
    /// <param name="formVersion">The version, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels reading the form.</param>
    public async Task<string?> SchemaJsonAsync(string? formKey, int? formVersion, CancellationToken cancellationToken) =>
        (await FindAsync(formKey, formVersion, cancellationToken))?.ScriptJson;

    private async Task<LoadedForm?> FindAsync(string? formKey, int? formVersion, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(formKey) || formVersion is not { } version)
        {
            return null;
        }

        var lazy = _forms.GetOrAdd((formKey, version), id => new Lazy<Task<LoadedForm?>>(() => LoadAsync(id.Key, id.Version)));
        try
        {
            return await lazy.Value.WaitAsync(cancellationToken);
        }
        catch (Exception) when (lazy.Value.IsFaulted || lazy.Value.IsCanceled)
        {
            _forms.TryRemove(new KeyValuePair<(string, int), Lazy<Task<LoadedForm?>>>((formKey, version), lazy));
            throw;
        }
    }

    private async Task<LoadedForm?> LoadAsync(string key, int version)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
        var schema = await db.Forms.AsNoTracking().Where(f => f.Key == key && f.Version == version).Select(f => f.Schema).SingleOrDefaultAsync();
        if (schema is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(schema);
        var problems = new List<FormProblem>();
        var form = FormReader.Read(key, document.RootElement, problems);
        return problems.Count > 0
            ? throw new InvalidTaskFormException($"form {key} version {version}", [.. problems.Select(p => p.ToString())])
            : new LoadedForm(form, FormSchemas.ScriptJson(document.RootElement));
    }

    private sealed record LoadedForm(TaskForm Form, string ScriptJson);
}
