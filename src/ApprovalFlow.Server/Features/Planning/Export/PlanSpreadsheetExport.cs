using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Pages.Planning.Export;
using MiniExcelLibs;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// Every item of a cycle with its origins as a spreadsheet (.xlsx, written with MiniExcel): one row per item,
/// first the plan as it stands in plan order, then the items merged into others or withdrawn; Persian column
/// headings (<see cref="Columns"/>): number, kind, theme, level, working group, title, description, sessions,
/// sources, stakeholder groups, status, merged into, and the project fields (responsible unit, first and last
/// year, cost in rials as numbers). Scoped.
/// </summary>
/// <param name="wording">The plan's words.</param>
public sealed class PlanSpreadsheetExport(PlanWording wording)
{
    /// <summary>The MIME type of an .xlsx file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The resource keys of the column headings, in column order.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "ColumnNumber", "ColumnKind", "ColumnTheme", "ColumnLevel", "ColumnWorkingGroup", "ColumnTitle", "ColumnDescription",
        "ColumnSessions", "ColumnSources", "ColumnStakeholderGroups", "ColumnStatus", "ColumnMergedInto",
        "ColumnResponsibleUnit", "ColumnStartYear", "ColumnEndYear", "ColumnCostRials",
    ];

    /// <summary>Writes the items of <paramref name="plan"/> as an .xlsx file.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The file's bytes.</returns>
    public byte[] Write(PlanContent plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var persian = ExportTexts.InPersian();
        var headings = Columns.Select(c => wording.Texts[c].Value).ToArray();
        var themes = plan.Themes.ToDictionary(t => t.Theme.Id, t => t.Theme.Name, StringComparer.Ordinal);
        var rows = plan.Entries.Select(e => Row(headings, plan, themes, e.Item, e.Origins, PersianFigures.PlanNumber(e.Number), null))
            .Concat(plan.Superseded.Select(s => Row(headings, plan, themes, s.Item, s.Origins, string.Empty, s.MergedInto is { } n ? PersianFigures.PlanNumber(n) : null)))
            .ToList();
        using var stream = new MemoryStream();
        stream.SaveAs(rows, sheetName: wording.Texts["SheetName"].Value);
        return stream.ToArray();
    }

    private Dictionary<string, object?> Row(
        string[] headings, PlanContent plan, Dictionary<string, string> themes, PlanItemRecord item, PlanOrigins origins, string number, string? mergedInto)
    {
        var separator = wording.Texts["ListSeparator"].Value;
        object?[] values =
        [
            number,
            wording.KindName(item.Kind),
            themes.GetValueOrDefault(item.Theme, item.Theme),
            wording.LevelName(item.Level),
            string.Join(separator, origins.WorkingGroups.Select(plan.GroupName)),
            item.Title,
            item.Description ?? string.Empty,
            string.Join(separator, origins.Sessions.Select(s => $"{PlanWording.Date(s.Date)} {s.Agenda}")),
            string.Join(separator, origins.Sources.Select(PlanWording.SourceName)),
            string.Join(separator, origins.StakeholderGroups.Select(PlanWording.StakeholderGroupName)),
            wording.StatusName(item.Status),
            mergedInto ?? string.Empty,
            PlanWording.ResponsibleUnit(item, plan),
            item.StartYear,
            item.EndYear,
            item.CostRials,
        ];
        var row = new Dictionary<string, object?>(StringComparer.Ordinal);
        for (var i = 0; i < headings.Length; i++)
        {
            row[headings[i]] = values[i];
        }

        return row;
    }
}
