using System.Globalization;
using ApprovalFlow.Server.Features.Planning;
using ApprovalFlow.Server.Features.Planning.Consolidation;
using ApprovalFlow.Server.Features.Planning.Cycles;
using ApprovalFlow.Server.Features.Planning.Data;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

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
public sealed class WorkspaceModel(
    PlanCycles cycles, PlanningAccess access, ConsolidationItems items, DuplicateSuggestions suggestions, ItemMerger merger, Priorities priorities) : PageModel
{
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

    /// <summary>Why the last change was refused (English detail for the record), or <see langword="null"/>.</summary>
    public string? Refusal { get; private set; }

    /// <summary>The refused AHP comparison's consistency ratio, or <see langword="null"/>.</summary>
    public double? RefusedRatio { get; private set; }

    /// <summary>The AHP matrix as typed (kept when refused), or the stored one.</summary>
    public IReadOnlyList<double[]>? Matrix { get; private set; }

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

    /// <summary>Sets the weights directly (by criterion code; scaled to sum 1).</summary>
    public Task<IActionResult> OnPostWeightsAsync(string businessKey, Dictionary<string, double> weights, CancellationToken cancellationToken) =>
        ChangeAsync(businessKey, "weights", async () => (await priorities.PutAsync(Cycle, new PutPrioritiesRequest(Weights: weights), cancellationToken)).Refusal, cancellationToken);

    /// <summary>Sets the weights by an AHP comparison: <paramref name="ahp"/> holds the upper triangle by <c>i-j</c> (how much more important i is than j, 1/9 to 9).</summary>
    public async Task<IActionResult> OnPostAhpAsync(string businessKey, Dictionary<string, string> ahp, CancellationToken cancellationToken)
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
                var value = ParseRatio(ahp.GetValueOrDefault($"{i}-{j}"));
                matrix[i][j] = value;
                matrix[j][i] = 1 / value;
            }
        }

        var outcome = await priorities.PutAsync(Cycle, new PutPrioritiesRequest(Comparison: matrix), cancellationToken);
        if (outcome.Refusal is null)
        {
            return Back("weights");
        }

        Refusal = outcome.Refusal;
        RefusedRatio = outcome.RefusedComparison?.ConsistencyRatio;
        Matrix = matrix;
        return Page();
    }

    /// <summary>Sets scores: <paramref name="scores"/> by <c>itemId:criterionCode</c>, 1 to 5 (empty removes).</summary>
    public Task<IActionResult> OnPostScoresAsync(string businessKey, Dictionary<string, string> scores, CancellationToken cancellationToken) =>
        ChangeAsync(businessKey, "scores", async () =>
        {
            var inputs = scores.Select(s => s.Key.Split(':') is [var item, var code] && Guid.TryParse(item, out var id)
                    ? new PriorityScoreInput(id, code, int.TryParse(s.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : null)
                    : null)
                .OfType<PriorityScoreInput>().ToList();
            return (await priorities.PutAsync(Cycle, new PutPrioritiesRequest(Scores: inputs), cancellationToken)).Refusal;
        }, cancellationToken);

    /// <summary>The item with <paramref name="id"/> among the workspace's items (for the ranked lists), or <see langword="null"/>.</summary>
    public ConsolidationItem? Item(Guid id) => Items.FirstOrDefault(i => i.Id == id);

    /// <summary>The score of <paramref name="item"/> on <paramref name="criterion"/>, or <see langword="null"/>.</summary>
    public int? Score(Guid item, string criterion) => Priorities.Scores.FirstOrDefault(s => s.ItemId == item && s.Criterion == criterion)?.Score;

    /// <summary>An AHP entry as the form shows it: whole numbers as they are, below 1 as <c>1/k</c>.</summary>
    public static string Ratio(double value) =>
        double.IsNaN(value) ? string.Empty
        : value >= 1 ? Math.Round(value, 2).ToString(CultureInfo.InvariantCulture)
        : "1/" + Math.Round(1 / value, 2).ToString(CultureInfo.InvariantCulture);

    private static double ParseRatio(string? text)
    {
        text = Text.PersianText.Normalize(text).Replace(" ", string.Empty, StringComparison.Ordinal);
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
        Matrix ??= Priorities.Comparison?.Matrix;
        return null;
    }
}
