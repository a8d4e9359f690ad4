using System.Xml.Linq;
using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Web;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// The plan as printable HTML in the user's language (Persian: right to left, Persian digits): the same content
/// as the Word document (by theme: problems, strategies, executive policies, the projects as a table; each item
/// with its origins in brief) with print CSS (A4, a page per theme, repeated table headings). The plan page
/// <c>/cycles/{businessKey}/plan</c> shows <see cref="Fragment"/> inside the site's layout; the export
/// <c>format=html</c> is <see cref="Document"/>, a stand-alone page. Markup is built as elements, so every text is
/// encoded. Scoped.
/// </summary>
/// <param name="wording">The plan's words.</param>
public sealed class PlanHtmlExport(PlanWording wording)
{
    /// <summary>The print and screen styles of the plan (embedded resource <c>PlanHtml.css</c>).</summary>
    public static string Css { get; } = ReadCss();

    /// <summary>The plan as an <c>article</c> with its <c>style</c>, for a page that has its own <c>html</c> and <c>head</c>.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>HTML markup.</returns>
    public string Fragment(PlanContent plan) =>
        new XElement("style", Css).ToString(SaveOptions.DisableFormatting) + Article(plan).ToString(SaveOptions.DisableFormatting);

    /// <summary>The plan as a stand-alone HTML document (<c>lang</c> and <c>dir</c> of the user's language).</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The document, starting with <c>&lt;!DOCTYPE html&gt;</c>.</returns>
    public string Document(PlanContent plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var html = new XElement(
            "html",
            new XAttribute("lang", UserLanguage.Current),
            new XAttribute("dir", UserLanguage.IsRightToLeft ? "rtl" : "ltr"),
            new XElement(
                "head",
                new XElement("meta", new XAttribute("charset", "utf-8")),
                new XElement("title", plan.Cycle.Title),
                new XElement("style", Css)),
            new XElement("body", Article(plan)));
        return "<!DOCTYPE html>\n" + html.ToString(SaveOptions.DisableFormatting);
    }

    private XElement Article(PlanContent plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var texts = wording.Texts;
        var article = new XElement(
            "article",
            new XAttribute("class", "af-plan"),
            new XAttribute("aria-labelledby", "plan-title"),
            new XElement("h1", new XAttribute("id", "plan-title"), plan.Cycle.Title),
            new XElement(
                "p",
                new XAttribute("class", "af-plan-subtitle"),
                plan.Cycle.FirstYear > 0 ? texts["PlanYears", PlanWording.Figure(plan.Cycle.FirstYear), PlanWording.Figure(plan.Cycle.LastYear)].Value + texts["PartSeparator"].Value : null,
                texts["PlanItemsCount", PlanWording.Figure(plan.Entries.Count())].Value));
        if (plan.Themes.All(t => t.IsEmpty))
        {
            article.Add(new XElement("p", texts["PlanEmpty"].Value));
        }

        foreach (var theme in plan.Themes.Where(t => !t.IsEmpty))
        {
            var section = new XElement("section", new XElement("h2", $"{PlanWording.Figure(theme.Number)}. {PlanWording.ThemeName(theme.Theme)}"));
            foreach (var kind in theme.Kinds.Where(k => k.Entries.Count > 0))
            {
                section.Add(new XElement("h3", $"{PlanWording.Figure(theme.Number)}-{PlanWording.Figure(kind.Number)}. {wording.KindHeading(kind.Kind)}"));
                section.Add(kind.Kind == PlanItemKind.Project ? ProjectTable(kind.Entries, plan) : Items(kind.Entries, plan));
            }

            article.Add(section);
        }

        return article;
    }

    private XElement Items(IReadOnlyList<PlanEntry> entries, PlanContent plan) => new(
        "ol",
        entries.Select(e => new XElement(
            "li",
            new XElement("h4", new XElement("span", new XAttribute("class", "af-plan-number"), PlanWording.Number(e.Number) + "."), " " + e.Item.Title),
            string.IsNullOrWhiteSpace(e.Item.Description) ? null : new XElement("p", e.Item.Description),
            new XElement("p", new XAttribute("class", "af-plan-origins"), wording.OriginsBrief(e, plan)))));

    private XElement ProjectTable(IReadOnlyList<PlanEntry> entries, PlanContent plan)
    {
        var texts = wording.Texts;
        string[] columns = ["ColumnNumber", "ColumnTitle", "ColumnResponsibleUnit", "ColumnYears", "ColumnCost", "ColumnOrigins"];
        return new XElement(
            "table",
            new XElement("thead", new XElement("tr", columns.Select(c => new XElement("th", new XAttribute("scope", "col"), texts[c].Value)))),
            new XElement("tbody", entries.Select(e => new XElement(
                "tr",
                new XElement("td", PlanWording.Number(e.Number)),
                new XElement("td", new XElement("strong", e.Item.Title), string.IsNullOrWhiteSpace(e.Item.Description) ? null : new XElement("div", e.Item.Description)),
                new XElement("td", PlanWording.ResponsibleUnit(e.Item, plan)),
                new XElement("td", PlanWording.Years(e.Item)),
                new XElement("td", new XAttribute("class", "af-plan-amount"), PlanWording.Cost(e.Item)),
                new XElement("td", new XAttribute("class", "af-plan-origins"), wording.OriginsBrief(e, plan))))));
    }

    private static string ReadCss()
    {
        using var stream = typeof(PlanHtmlExport).Assembly.GetManifestResourceStream("ApprovalFlow.Server.Features.Planning.Export.PlanHtml.css")
            ?? throw new InvalidOperationException("The embedded resource PlanHtml.css is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
