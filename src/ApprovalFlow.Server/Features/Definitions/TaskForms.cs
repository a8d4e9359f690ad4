using System.Collections.Concurrent;
using System.Text.Json;
using ApprovalFlow.Server.Features.Definitions.Forms;

namespace ApprovalFlow.Server.Features.Definitions;

/// <summary>
/// The task forms (form-js schemas <c>&lt;Workflows:Directory&gt;/forms/&lt;formKey&gt;.form</c>) and the
/// check that a completion fills its form as form-js would let it be submitted (see
/// <see cref="FormValidator"/>): every field at any depth, each rule, conditions, and no names the form
/// does not define. A task whose form file does not exist is not checked. Every form is read and
/// checked at start-up by <see cref="ReadAll"/>; a form the server cannot check stops start-up.
/// Thread-safe singleton.
/// </summary>
public sealed class TaskForms(FormFiles files)
{
    private readonly ConcurrentDictionary<string, TaskForm?> _forms = new(StringComparer.Ordinal);

    /// <summary>The folder of the form files.</summary>
    public string Folder => files.Folder;

    /// <summary>Reads every <c>*.form</c> file of <see cref="Folder"/> (none when it does not exist).</summary>
    /// <returns>How many forms were read.</returns>
    /// <exception cref="InvalidTaskFormException">A form cannot be read or uses what the server cannot check; it names every such part of every file.</exception>
    public int ReadAll()
    {
        if (!System.IO.Directory.Exists(Folder))
        {
            return 0;
        }

        var problems = new List<string>();
        var files = System.IO.Directory.EnumerateFiles(Folder, "*.form").Order(StringComparer.Ordinal).ToList();
        foreach (var file in files)
        {
            var key = Path.GetFileNameWithoutExtension(file);
            var found = new List<string>();
            var form = Read(file, key, found);
            problems.AddRange(found.Select(p => $"{Path.GetFileName(file)}: {p}"));
            _forms[key] = form;
        }

        return problems.Count > 0 ? throw new InvalidTaskFormException(Folder, problems) : files.Count;
    }

    /// <summary>
    /// Every problem of <paramref name="variables"/> as the completion of a task with form
    /// <paramref name="formKey"/>, keyed by data path (<c>stakeholders[0].name</c>); empty when the
    /// form is filled correctly, there is no form key, or no such form file exists.
    /// </summary>
    /// <param name="formKey">The task's <c>camunda:formKey</c>, or <see langword="null"/>.</param>
    /// <param name="variables">The submitted variables, or <see langword="null"/> for none.</param>
    /// <param name="processVariables">
    /// Reads the variables the task sees, for names a condition uses that the submission does not hold;
    /// called only for a form with conditions.
    /// </param>
    /// <param name="cancellationToken">Cancels reading the process variables.</param>
    /// <exception cref="InvalidTaskFormException">The form file changed since start-up and cannot be checked.</exception>
    public async Task<IReadOnlyDictionary<string, List<string>>> CheckAsync(
        string? formKey, IReadOnlyDictionary<string, JsonElement>? variables,
        Func<CancellationToken, Task<IReadOnlyDictionary<string, JsonElement>>> processVariables, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(processVariables);
        if (string.IsNullOrEmpty(formKey) || _forms.GetOrAdd(formKey, Load) is not { } form)
        {
            return new Dictionary<string, List<string>>();
        }

        var context = form.HasConditions ? await processVariables(cancellationToken) : new Dictionary<string, JsonElement>();
        var data = JsonSerializer.SerializeToElement(variables ?? new Dictionary<string, JsonElement>());
        return FormValidator.Validate(form, data, name => context.TryGetValue(name, out var value) ? value : null);
    }

    private TaskForm? Load(string formKey)
    {
        var path = Path.Combine(Folder, formKey + ".form");
        if (!files.Exists(formKey))
        {
            return null;
        }

        var problems = new List<string>();
        var form = Read(path, formKey, problems);
        return problems.Count > 0 ? throw new InvalidTaskFormException(Folder, [.. problems.Select(p => $"{formKey}.form: {p}")]) : form;
    }

    private static TaskForm Read(string file, string key, List<string> problems)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(file));
            return FormReader.Read(key, document.RootElement, problems);
        }
        catch (JsonException e)
        {
            problems.Add($"not valid JSON: {e.Message}");
            return new TaskForm(key, []);
        }
    }
}
