using ApprovalFlow.Server.Features.Planning.Data;
using ApprovalFlow.Server.Pages.Planning.Export;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace ApprovalFlow.Server.Features.Planning.Export;

/// <summary>
/// The plan as a Word document (Office Open XML, ISO/IEC 29500, written with the Open XML SDK): right to left
/// (bidi section and paragraphs, rtl runs, Persian as the complex-script language), Vazirmatn with Tahoma as its
/// alternative (font table <c>altName</c>), Persian headings numbered with Persian digits, by theme in the
/// cycle's order: problems, strategies, executive policies, then the projects as a table (responsible unit,
/// years, cost in rials with Persian digit grouping); each item with its origins in brief. Always Persian.
/// The document passes the SDK's <c>OpenXmlValidator</c>. Scoped.
/// </summary>
/// <param name="wording">The plan's words.</param>
public sealed class PlanWordExport(PlanWording wording)
{
    /// <summary>The document's font.</summary>
    public const string Font = "Vazirmatn";

    /// <summary>The font Word uses when <see cref="Font"/> is not installed.</summary>
    public const string FallbackFont = "Tahoma";

    /// <summary>The MIME type of a .docx file.</summary>
    public const string ContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    /// <summary>Writes <paramref name="plan"/> as a .docx file.</summary>
    /// <param name="plan">The plan.</param>
    /// <returns>The file's bytes.</returns>
    public byte[] Write(PlanContent plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        using var persian = ExportTexts.InPersian();
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            document.PackageProperties.Title = plan.Cycle.Title;
            document.PackageProperties.Language = "fa-IR";
            var main = document.AddMainDocumentPart();
            main.AddNewPart<StyleDefinitionsPart>().Styles = Styles();
            main.AddNewPart<FontTablePart>().Fonts = Fonts();
            main.Document = new Document(Body(plan));
        }

        return stream.ToArray();
    }

    private Body Body(PlanContent plan)
    {
        var texts = wording.Texts;
        var body = new Body();
        body.Append(Paragraph("Title", plan.Cycle.Title));
        if (plan.Cycle.FirstYear > 0)
        {
            body.Append(Paragraph("Subtitle", texts["PlanYears", PersianFigures.Number(plan.Cycle.FirstYear), PersianFigures.Number(plan.Cycle.LastYear)]));
        }

        body.Append(Paragraph("Subtitle", texts["PlanItemsCount", PersianFigures.Number(plan.Entries.Count())]));
        foreach (var theme in plan.Themes.Where(t => !t.IsEmpty))
        {
            body.Append(Paragraph("Heading1", $"{PersianFigures.Number(theme.Number)}. {theme.Theme.Name}"));
            foreach (var kind in theme.Kinds.Where(k => k.Entries.Count > 0))
            {
                body.Append(Paragraph("Heading2", $"{PersianFigures.Number(theme.Number)}-{PersianFigures.Number(kind.Number)}. {wording.KindHeading(kind.Kind)}"));
                if (kind.Kind == PlanItemKind.Project)
                {
                    body.Append(ProjectTable(kind.Entries, plan));
                    continue;
                }

                foreach (var entry in kind.Entries)
                {
                    body.Append(Paragraph("Heading3", $"{PersianFigures.PlanNumber(entry.Number)}. {entry.Item.Title}"));
                    if (!string.IsNullOrWhiteSpace(entry.Item.Description))
                    {
                        body.Append(Paragraph("Normal", entry.Item.Description));
                    }

                    body.Append(Paragraph("Origins", wording.OriginsBrief(entry, plan)));
                }
            }
        }

        body.Append(new SectionProperties(
            new PageSize { Width = 11906U, Height = 16838U },
            new PageMargin { Top = 1134, Right = 1134U, Bottom = 1134, Left = 1134U, Header = 709U, Footer = 709U, Gutter = 0U },
            new BiDi()));
        return body;
    }

    private Table ProjectTable(IReadOnlyList<PlanEntry> entries, PlanContent plan)
    {
        var texts = wording.Texts;
        int[] widths = [900, 2600, 1700, 1100, 1700, 1638];
        var border = () => new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4U },
            new LeftBorder { Val = BorderValues.Single, Size = 4U },
            new BottomBorder { Val = BorderValues.Single, Size = 4U },
            new RightBorder { Val = BorderValues.Single, Size = 4U },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4U },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4U });
        var table = new Table(
            new TableProperties(new BiDiVisual(), new TableWidth { Width = "5000", Type = TableWidthUnitValues.Pct }, border()),
            new TableGrid(widths.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(widths, header: true,
            texts["ColumnNumber"], texts["ColumnTitle"], texts["ColumnResponsibleUnit"], texts["ColumnYears"], texts["ColumnCost"], texts["ColumnOrigins"]));
        foreach (var entry in entries)
        {
            var title = string.IsNullOrWhiteSpace(entry.Item.Description) ? entry.Item.Title : $"{entry.Item.Title}: {entry.Item.Description}";
            table.Append(Row(widths, header: false,
                PersianFigures.PlanNumber(entry.Number), title, PlanWording.ResponsibleUnit(entry.Item, plan),
                PlanWording.Years(entry.Item), PlanWording.Cost(entry.Item), wording.OriginsBrief(entry, plan)));
        }

        return table;
    }

    private static TableRow Row(int[] widths, bool header, params string[] cells)
    {
        var row = new TableRow();
        if (header)
        {
            row.Append(new TableRowProperties(new TableHeader()));
        }

        for (var i = 0; i < cells.Length; i++)
        {
            var properties = new TableCellProperties(new TableCellWidth { Width = widths[i].ToString(System.Globalization.CultureInfo.InvariantCulture), Type = TableWidthUnitValues.Dxa });
            if (header)
            {
                properties.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = "E7EEF5" });
            }

            row.Append(new TableCell(properties, Paragraph(header ? "TableHeading" : "TableText", cells[i])));
        }

        return row;
    }

    private static Paragraph Paragraph(string style, string text) =>
        new(
            new ParagraphProperties(new ParagraphStyleId { Val = style }, new BiDi()),
            new Run(new RunProperties(new RightToLeftText()), new DocumentFormat.OpenXml.Wordprocessing.Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static Styles Styles()
    {
        var defaults = new DocDefaults(
            new RunPropertiesDefault(new RunPropertiesBaseStyle(
                new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font },
                new FontSize { Val = "22" },
                new FontSizeComplexScript { Val = "22" },
                new Languages { Val = "fa-IR", Bidi = "fa-IR" })),
            new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(
                new BiDi(),
                new SpacingBetweenLines { After = "120", Line = "300", LineRule = LineSpacingRuleValues.Auto })));
        return new Styles(
            defaults,
            ParagraphStyle("Normal", "Normal", null, 0, false, null, null),
            ParagraphStyle("Title", "Title", 1, 40, true, "1F3A5F", JustificationValues.Center),
            ParagraphStyle("Subtitle", "Subtitle", null, 24, false, "44546A", JustificationValues.Center),
            ParagraphStyle("Heading1", "heading 1", 0, 32, true, "1F3A5F", null),
            ParagraphStyle("Heading2", "heading 2", 1, 28, true, "2E5C8A", null),
            ParagraphStyle("Heading3", "heading 3", 2, 24, true, null, null),
            ParagraphStyle("Origins", "Origins", null, 18, false, "595959", null),
            ParagraphStyle("TableHeading", "Table Heading", null, 20, true, null, JustificationValues.Center),
            ParagraphStyle("TableText", "Table Text", null, 20, false, null, null));
    }

    private static Style ParagraphStyle(string id, string name, int? outline, int size, bool bold, string? color, JustificationValues? justification)
    {
        var style = new Style { Type = StyleValues.Paragraph, StyleId = id, Default = id == "Normal" ? true : null };
        style.Append(new StyleName { Val = name });
        if (id != "Normal")
        {
            style.Append(new BasedOn { Val = "Normal" }, new NextParagraphStyle { Val = "Normal" }, new PrimaryStyle());
        }
        else
        {
            style.Append(new PrimaryStyle());
        }

        var paragraph = new StyleParagraphProperties();
        if (outline is not null)
        {
            paragraph.Append(new KeepNext());
        }

        paragraph.Append(new BiDi());
        if (outline is not null)
        {
            paragraph.Append(new SpacingBetweenLines { Before = "240", After = "120" });
        }

        if (justification is { } jc)
        {
            paragraph.Append(new Justification { Val = jc });
        }

        if (outline is { } level && id.StartsWith("Heading", StringComparison.Ordinal))
        {
            paragraph.Append(new OutlineLevel { Val = level });
        }

        style.Append(paragraph);
        var run = new StyleRunProperties(new RunFonts { Ascii = Font, HighAnsi = Font, EastAsia = Font, ComplexScript = Font });
        if (bold)
        {
            run.Append(new Bold(), new BoldComplexScript());
        }

        if (color is not null)
        {
            run.Append(new Color { Val = color });
        }

        if (size > 0)
        {
            run.Append(new FontSize { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) }, new FontSizeComplexScript { Val = size.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        }

        run.Append(new Languages { Val = "fa-IR", Bidi = "fa-IR" });
        style.Append(run);
        return style;
    }

    private static Fonts Fonts() => new(
        new DocumentFormat.OpenXml.Wordprocessing.Font(
            new AltName { Val = FallbackFont },
            new FontCharSet { Val = "B2" },
            new FontFamily { Val = FontFamilyValues.Swiss },
            new Pitch { Val = FontPitchValues.Variable }) { Name = Font },
        new DocumentFormat.OpenXml.Wordprocessing.Font(
            new FontCharSet { Val = "00" },
            new FontFamily { Val = FontFamilyValues.Swiss },
            new Pitch { Val = FontPitchValues.Variable }) { Name = FallbackFont });
}
