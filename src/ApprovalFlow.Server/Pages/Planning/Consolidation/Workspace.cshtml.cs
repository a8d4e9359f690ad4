using System.Globalization;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Consolidation;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace ApprovalFlow.Server.Pages.Planning.Consolidation;

/// <summary>
/// The planning office's consolidation workspace of a cycle (<c>/cycles/{businessKey}/consolidation</c>): every
/// live item by theme, kind and level with its origins, the duplicate suggestions with merge, dismiss and split,
/// the criteria and weights (directly or by AHP, refused above CR 0.1), the scores and the ranked lists. Everyone
/// in the cycle reads; planning-office members change. Each form posts and comes back (works without JavaScript;
/// htmx boosts it).
/// </summary>
/// <param name="cycles">Finds the cycle.</param>
/// <param name="access">Who may read and change.</param>
/// <param name="items">The live items.</param>
/// <param name="suggestions">The duplicate suggestions.</param>
/// <param name="merger">Merge, split, dismiss.</param>
/// <param name="priorities">Criteria, weights, scores, ranking.</param>
/// <param name="task">The task the workspace was opened for, and completing it.</param>
/// <param name="texts">The page's texts (field errors).</param>
public sealed class WorkspaceModel(
    PlanCycles cycles, PlanningAccess access, ConsolidationItems items, DuplicateSuggestions suggestions, ItemMerger merger, Priorities priorities,
    ConsolidationTask task, IStringLocalizer<ConsolidationTexts> texts) : PageModel
{
    /// <summary>The largest AHP entry (Saaty's scale 1/9 to 9).</summary>
    private const double MaxRatio = 9;

    /// <summary>The cycle.</summary>
    public PlanCycleRecord Cycle { get; private set; } = null!;

    /// <summary>Whether the user may change (planning office).</summary>
    public bool CanEdit { get; private set; }

    /// <summary>The live items.</summary>
    public IReadOnlyList<ConsolidationItem> Items { get; private set; } = [];

    /// <summary>The first page of duplicate suggestions.</summary>
    public DuplicatePairPage Duplicates { get; private set; } = null!;

    /// <summary>Criteria, comparison, scores and ranking.</summary>
    public PrioritiesResponse Priorities { get; private set; } = null!;

    /// <summary>The task this workspace was opened for (<c>?task=</c>), or <see langword="null"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public Guid? Task { get; set; }

    /// <summary>What was just done (<c>merged</c>, <c>split</c>, <c>dismissed</c>, <c>weights</c>, <c>scores</c>), or <see langword="null"/>.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Done { get; set; }

    /// <summary>Why the service refused the last change (its English detail; the page shows a message in the user's language instead), or <see langword="null"/>.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The refused AHP comparison's consistency ratio, or <see langword="null"/>.</summary>
    public double? RefusedRatio { get; private set; }

    /// <summary>The stored AHP matrix, or <see langword="null"/>.</summary>
    public IReadOnlyList<double[]>? Matrix { get; private set; }

    /// <summary>
    /// Refused fields of the last post in the user's language, by element id: <c>weight-{code}</c>, <c>weights</c>,
    /// <c>ahp-{i}-{j}</c>, <c>ahp</c> (the matrix as a whole, e.g. inconsistent), <c>score-{item}-{code}</c>.
    /// </summary>
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    /// <summary>What was typed in the refused form, by the same ids as <see cref="Errors"/>; shown again instead of the stored values.</summary>
    public Dictionary<string, string?> Typed { get; } = new(StringComparer.Ordinal);

    /// <summary>The task the workspace was opened for, when the user holds it open and may complete it here; else <see langword="null"/>.</summary>
    public UserTaskRecord? OpenTask { get; private set; }

    /// <summary>What the task still needs before it completes (<c>duplicates</c>, <c>scores</c>); empty when it may complete.</summary>
    public IReadOnlyList<string> Gaps { get; private set; } = [];

    /// <summary>Whether the user just tried to complete the task and was refused.</summary>
    public bool CompletionRefused { get; private set; }

    /// <summary>Shows the workspace.</summary>
    public async Task<IActionResult> OnGetAsync(string businessKey, CancellationToken cancellationToken) =>
        await LoadAsync(businessKey, edit: false, cancellationToken) ?? Page();

    /// <summary>Merges the pair <paramref name="first"/> and <paramref name="second"/>.</summary>
    public Task<IActionResult> OnPostMergeAsync(string businessKey, Guid first, Guid second, CancellationToken cancellationToken) =>
        ChangeAsync(businessKey, "merged", async () => (await merger.MergeAsync(Cycle, new MergeItemsRequest([first, second]), cancellationToken)).Refusal, cancellationToken);

    /// <summary>Dismisses the pair <paramref name="first"/> and <paramref name="second"/>.</summary>
    public Task<IActionResult> OnPostDismissAsync(string businessKey, Guid first, Guid second, CancellationToken cancellationToken) =>
        ChangeAsync(businessKey, "dismissed", async () => (await merger.DismissAsync(Cycle, new DismissPairRequest(first, second), cancellationToken)).Refusal, cancellationToken);

    /// <summary>Splits the consolidated item <paramref name="item"/>.</summary>
    public Task<IActionResult> OnPostSplitAsync(string businessKey, Guid item, CancellationToken cancellationToken) =>
        ChangeAsync(businessKey, "split", async () => (await merger.SplitAsync(Cycle, item, cancellationToken)).Refusal, cancellationToken);

    /// <summary>
    /// Sets the weights directly (by criterion code, as typed in Persian or Latin digits; scaled to sum 1). A weight that is
    /// no number or below 0, or all weights 0, is refused beside its field and nothing changes.
    /// </summary>
    public async Task<IActionResult> OnPostWeightsAsync(string businessKey, Dictionary<string, string?> weights, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, edit: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var parsed = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var criterion in Priorities.Criteria)
        {
            var field = $"weight-{criterion.Code}";
            var text = weights.GetValueOrDefault(criterion.Code);
            Typed[field] = text;
            if (!TypedNumber.TryDecimal(text, out var weight) || weight is null)
            {
                Errors[field] = texts["Error_WeightNumber", CriterionName(criterion)];
            }
            else if (weight < 0)
            {
                Errors[field] = texts["Error_WeightNegative", CriterionName(criterion)];
            }
            else
            {
                parsed[criterion.Code] = weight.Value;
            }
        }

        if (Errors.Count == 0 && parsed.Values.All(w => w == 0))
        {
            Errors["weights"] = texts["Error_WeightsZero"];
        }

        return Errors.Count > 0
            ? Page()
            : await ApplyAsync(businessKey, "weights", async () => (await priorities.PutAsync(Cycle, new PutPrioritiesRequest(Weights: parsed), cancellationToken)).Refusal, cancellationToken);
    }

    /// <summary>
    /// Sets the weights by an AHP comparison: <paramref name="ahp"/> holds the upper triangle by <c>i-j</c> (how much more
    /// important i is than j, 1/9 to 9, Persian or Latin digits). An entry that is not such a ratio is refused beside it;
    /// a comparison whose consistency ratio is above 0.1 is refused beside the matrix with its CR; the typed entries stay.
    /// </summary>
    public async Task<IActionResult> OnPostAhpAsync(string businessKey, Dictionary<string, string?> ahp, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, edit: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var n = Priorities.Criteria.Count;
        var matrix = Enumerable.Range(0, n).Select(i => Enumerable.Range(0, n).Select(j => i == j ? 1.0 : double.NaN).ToArray()).ToArray();
        for (var i = 0; i < n; i++)
        {
            for (var j = i + 1; j < n; j++)
            {
                var text = ahp.GetValueOrDefault($"{i}-{j}");
                Typed[$"ahp-{i}-{j}"] = text;
                var value = ParseRatio(text);
                if (!(value >= 1 / MaxRatio - 1e-9 && value <= MaxRatio + 1e-9))
                {
                    Errors[$"ahp-{i}-{j}"] = texts["Error_AhpEntry", CriterionName(Priorities.Criteria[i]), CriterionName(Priorities.Criteria[j])];
                    continue;
                }

                matrix[i][j] = value;
                matrix[j][i] = 1 / value;
            }
        }

        if (Errors.Count > 0)
        {
            return Page();
        }

        var outcome = await priorities.PutAsync(Cycle, new PutPrioritiesRequest(Comparison: matrix), cancellationToken);
        if (outcome.Refusal is null)
        {
            return Back("weights");
        }

        Refusal = outcome.Refusal;
        RefusedRatio = outcome.RefusedComparison?.ConsistencyRatio;
        Errors["ahp"] = RefusedRatio is { } cr ? texts["AhpRefused", Digits(cr, "0.000"), Digits(0.1, "0.0")] : texts["Refused"];
        return Page();
    }

    /// <summary>
    /// Sets scores: <paramref name="scores"/> by <c>itemId:criterionCode</c>, whole numbers 1 to 5 in Persian or Latin digits
    /// (empty removes). A score that is not is refused beside its field and nothing changes; the typed scores stay.
    /// </summary>
    public async Task<IActionResult> OnPostScoresAsync(string businessKey, Dictionary<string, string?> scores, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, edit: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        var inputs = new List<PriorityScoreInput>();
        foreach (var (key, text) in scores)
        {
            if (key.Split(':') is not [var item, var code] || !Guid.TryParse(item, out var id) || Item(id) is not { } scored
                || Priorities.Criteria.FirstOrDefault(c => c.Code == code) is not { } criterion)
            {
                continue;
            }

            var field = ScoreField(id, code);
            Typed[field] = text;
            if (!TypedNumber.TryWhole(text, out var score) || score is < 1 or > 5)
            {
                Errors[field] = texts["Error_Score", scored.Title, CriterionName(criterion)];
                continue;
            }

            inputs.Add(new PriorityScoreInput(id, code, score));
        }

        return Errors.Count > 0
            ? Page()
            : await ApplyAsync(businessKey, "scores", async () => (await priorities.PutAsync(Cycle, new PutPrioritiesRequest(Scores: inputs), cancellationToken)).Refusal, cancellationToken);
    }

    /// <summary>Completes the task the workspace was opened for (<c>?task=</c>), or shows what it still needs.</summary>
    public async Task<IActionResult> OnPostCompleteAsync(string businessKey, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, edit: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        if (OpenTask is null)
        {
            return Forbid();
        }

        if (await task.CompleteAsync(OpenTask, cancellationToken))
        {
            TempData["Notice"] = "NoticeCompleted";
            return Redirect("/");
        }

        CompletionRefused = true;
        Gaps = await task.GapsAsync(OpenTask, cancellationToken);
        return Page();
    }

    /// <summary>The element id of the score of <paramref name="item"/> on criterion <paramref name="code"/>.</summary>
    public static string ScoreField(Guid item, string code) => $"score-{item}-{code}";

    /// <summary>The criterion's name in the user's language.</summary>
    public static string CriterionName(PriorityCriterion criterion)
    {
        ArgumentNullException.ThrowIfNull(criterion);
        return UserLanguage.Current == UserLanguage.Persian ? criterion.Name : criterion.EnglishName;
    }

    /// <summary><paramref name="value"/> in <paramref name="format"/> with the user's digits and decimal separator (Persian: ۰٫۲۵).</summary>
    public static string Digits(double value, string format = "0.###")
    {
        var text = value.ToString(format, CultureInfo.InvariantCulture);
        return UserLanguage.Current == UserLanguage.Persian ? Engine.Calendar.PersianDigits.ToPersian(text).Replace('.', '\u066B') : text;
    }

    /// <summary>What a field shows: what was typed when the form was refused, else <paramref name="stored"/>.</summary>
    public string? Shown(string field, string? stored) => Typed.TryGetValue(field, out var typed) ? typed : stored;

    /// <summary>The item with <paramref name="id"/> among the workspace's items (for the ranked lists), or <see langword="null"/>.</summary>
    public ConsolidationItem? Item(Guid id) => Items.FirstOrDefault(i => i.Id == id);

    /// <summary>The score of <paramref name="item"/> on <paramref name="criterion"/> in the user's digits, or <see langword="null"/>.</summary>
    public string? Score(Guid item, string criterion) =>
        Priorities.Scores.FirstOrDefault(s => s.ItemId == item && s.Criterion == criterion)?.Score is { } score ? Digits(score, "0") : null;

    /// <summary>An AHP entry as the form shows it, in the user's digits: whole numbers as they are, below 1 as <c>1/k</c>.</summary>
    public static string Ratio(double value) =>
        double.IsNaN(value) ? string.Empty
        : value >= 1 ? Digits(Math.Round(value, 2), "0.##")
        : Digits(1, "0") + "/" + Digits(Math.Round(1 / value, 2), "0.##");

    private static double ParseRatio(string? text)
    {
        text = TypedNumber.Latin(text);
        if (text.Split('/') is [var a, var b]
            && double.TryParse(a, NumberStyles.Float, CultureInfo.InvariantCulture, out var x)
            && double.TryParse(b, NumberStyles.Float, CultureInfo.InvariantCulture, out var y) && y != 0)
        {
            return x / y;
        }

        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : double.NaN;
    }

    private async Task<IActionResult> ChangeAsync(string businessKey, string done, Func<Task<string?>> change, CancellationToken cancellationToken)
    {
        if (await LoadAsync(businessKey, edit: true, cancellationToken) is { } refused)
        {
            return refused;
        }

        return await ApplyAsync(businessKey, done, change, cancellationToken);
    }

    /// <summary>Makes a change on the loaded workspace: back to it with <paramref name="done"/>, or the page again when the service refuses.</summary>
    private async Task<IActionResult> ApplyAsync(string businessKey, string done, Func<Task<string?>> change, CancellationToken cancellationToken)
    {
        Refusal = await change();
        if (Refusal is null)
        {
            return Back(done);
        }

        await LoadAsync(businessKey, edit: true, cancellationToken);
        return Page();
    }

    private RedirectToPageResult Back(string done) =>
        RedirectToPage(new { businessKey = Cycle.BusinessKey, done, task = Task });

    /// <summary>Loads the cycle and everything shown; a result when the page must not show (404, 403).</summary>
    private async Task<IActionResult?> LoadAsync(string businessKey, bool edit, CancellationToken cancellationToken)
    {
        if (await cycles.FindAsync(businessKey, cancellationToken) is not { } cycle)
        {
            return NotFound();
        }

        Cycle = cycle;
        CanEdit = await access.CanEditConsolidationAsync(cancellationToken);
        if (edit ? !CanEdit : !await access.CanReadAsync(cycle, cancellationToken))
        {
            return Forbid();
        }

        Items = await items.LiveAsync(cycle, cancellationToken);
        Duplicates = await suggestions.PageAsync(cycle.Id, new DuplicateSuggestions.Filter(), 1, 50, cancellationToken);
        Priorities = await priorities.GetAsync(cycle, cancellationToken);
        Matrix = Priorities.Comparison?.Matrix;
        OpenTask = Task is { } id && CanEdit ? await task.HeldAsync(id, cycle, cancellationToken) : null;
        Gaps = OpenTask is null ? [] : await task.GapsAsync(OpenTask, cancellationToken);
        return null;
    }
}
