using System.Net;
using ApprovalFlow.Server.Features.Planning.Export;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using DocumentFormat.OpenXml.Wordprocessing;
using MiniExcelLibs;

namespace ApprovalFlow.Server.Tests.Planning.Export;

/// <summary><c>GET /api/cycles/{businessKey}/export</c> in Word, spreadsheet and HTML, its problems and who may read it.</summary>
[Collection(ExportGroup.Name)]
public class PlanExportTests(ExportFixture service)
{
    [Fact]
    public async Task Word_PassesTheOpenXmlValidator_AndHoldsEveryItemOfThePlan()
    {
        var seed = await ExportSeed.CreateAsync(service, "word");
        var (_, client) = await seed.MemberAsync(service);

        var response = await client.GetAsync($"/api/cycles/{seed.Cycle.BusinessKey}/export?format=docx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PlanWordExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"{seed.Cycle.BusinessKey}.docx", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        using var document = WordprocessingDocument.Open(stream, false);
        var errors = new OpenXmlValidator().Validate(document).ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors.Select(e => $"{e.Path?.XPath}: {e.Description}")));

        var body = document.MainDocumentPart!.Document.Body!;
        var paragraphs = body.Descendants<Paragraph>().Select(p => p.InnerText).ToList();
        foreach (var item in seed.Current)
        {
            Assert.Contains(paragraphs, p => p.Contains(item.Title, StringComparison.Ordinal));
        }

        Assert.DoesNotContain(paragraphs, p => p.Contains(seed.W.Title, StringComparison.Ordinal));
        Assert.DoesNotContain(paragraphs, p => p.Contains(seed.P3.Title, StringComparison.Ordinal));
        Assert.Contains($"۱-۱-۱. {seed.C.Title}", paragraphs);
        Assert.Contains("۱. هویت شهری", paragraphs);
        Assert.Contains("۱-۲. راهبردها", paragraphs);
        Assert.Contains("۴-۴. پروژه‌ها", paragraphs);
        Assert.Contains(paragraphs, p => p.Contains("در پاسخ به ۱-۱-۱، ۱-۱-۲", StringComparison.Ordinal));
        Assert.Contains(paragraphs, p => p.Contains("ادغامِ ۲ مورد", StringComparison.Ordinal));

        // The project table: responsible unit, years and cost with Persian digit grouping.
        var row = body.Descendants<TableRow>().Single(r => r.InnerText.Contains(seed.Pr1.Title, StringComparison.Ordinal));
        var cells = row.Elements<TableCell>().Select(c => c.InnerText).ToList();
        Assert.Equal(["۱-۴-۱", "سازمان پارک‌ها و فضای سبز", "۱۴۰۵–۱۴۰۷", "۱۲٬۰۰۰٬۰۰۰٬۰۰۰"], [cells[0], cells[2], cells[3], cells[4]]);

        // Right to left: the section, every paragraph and every run.
        Assert.NotNull(body.GetFirstChild<SectionProperties>()!.GetFirstChild<BiDi>());
        Assert.All(body.Descendants<Paragraph>(), p => Assert.NotNull(p.ParagraphProperties?.BiDi));
        Assert.All(body.Descendants<Run>(), r => Assert.NotNull(r.RunProperties?.RightToLeftText));
        var fonts = document.MainDocumentPart.StyleDefinitionsPart!.Styles!.DocDefaults!.Descendants<RunFonts>().Single();
        Assert.Equal("Vazirmatn", fonts.ComplexScript?.Value);
        var font = document.MainDocumentPart.FontTablePart!.Fonts!.Elements<Font>().Single(f => f.Name == "Vazirmatn");
        Assert.Equal("Tahoma", font.AltName?.Val?.Value);
    }

    [Fact]
    public async Task Spreadsheet_ReadsBack_OneRowPerItemWithItsOrigins()
    {
        var seed = await ExportSeed.CreateAsync(service, "xlsx");
        var (_, client) = await seed.MemberAsync(service);

        var response = await client.GetAsync($"/api/cycles/{seed.Cycle.BusinessKey}/export?format=xlsx");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(PlanSpreadsheetExport.ContentType, response.Content.Headers.ContentType?.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object?>>().ToList();
        Assert.Equal(
            ["شماره", "نوع", "محور", "سطح", "کارگروه", "عنوان", "شرح", "جلسه‌ها", "منابع اطلاعاتی", "گروه‌های ذی‌نفع", "وضعیت", "ادغام در", "واحد مسئول", "سال شروع", "سال پایان", "هزینه (ریال)"],
            rows[0].Keys);
        Assert.Equal(9, rows.Count);
        var byTitle = rows.ToDictionary(r => (string)r["عنوان"]!);
        Assert.Equal(
            [seed.C.Title, seed.P1.Title, seed.St1.Title, seed.Pol1.Title, seed.Pr1.Title, seed.Pr2.Title],
            rows.Take(6).Select(r => (string)r["عنوان"]!));

        var project = byTitle[seed.Pr1.Title];
        Assert.Equal("۱-۴-۱", project["شماره"]);
        Assert.Equal("پروژه", project["نوع"]);
        Assert.Equal("هویت شهری", project["محور"]);
        Assert.Equal("ستادی", project["سطح"]);
        Assert.Equal("سازمان پارک‌ها و فضای سبز", project["واحد مسئول"]);
        Assert.Equal(1405d, Convert.ToDouble(project["سال شروع"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(1407d, Convert.ToDouble(project["سال پایان"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(ExportSeed.Pr1Cost, Convert.ToInt64(project["هزینه (ریال)"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal("بدنه شهرداری", project["گروه‌های ذی‌نفع"]);
        Assert.Contains("نشست با کارکنان شهرداری", (string)project["جلسه‌ها"]!, StringComparison.Ordinal);

        var consolidated = byTitle[seed.C.Title];
        Assert.Equal("شهروندان، شورای اسلامی شهر، بدنه شهرداری", consolidated["گروه‌های ذی‌نفع"]);
        Assert.Contains("نشست با کارکنان شهرداری", (string)consolidated["جلسه‌ها"]!, StringComparison.Ordinal);
        Assert.Contains("نشست منطقه ثامن", (string)consolidated["جلسه‌ها"]!, StringComparison.Ordinal);

        // The originals and the withdrawn item follow, with their status and the item that stands for them.
        Assert.Equal("ادغام‌شده", byTitle[seed.P3.Title]["وضعیت"]);
        Assert.Equal("۱-۱-۱", byTitle[seed.P3.Title]["ادغام در"]);
        Assert.Equal("مصاحبه با اعضای شورای اسلامی شهر", byTitle[seed.P3.Title]["منابع اطلاعاتی"]);
        Assert.Equal("کنارگذاشته", byTitle[seed.W.Title]["وضعیت"]);
    }

    [Fact]
    public async Task Html_IsAPrintablePersianPage_WithEveryItem()
    {
        var seed = await ExportSeed.CreateAsync(service, "html");
        var (_, client) = await seed.MemberAsync(service);

        var response = await client.GetAsync($"/api/cycles/{seed.Cycle.BusinessKey}/export?format=html");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"fa\" dir=\"rtl\">", html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        foreach (var item in seed.Current)
        {
            Assert.Contains(item.Title, html, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(seed.W.Title, html, StringComparison.Ordinal);
        Assert.Contains("۱۲٬۰۰۰٬۰۰۰٬۰۰۰", html, StringComparison.Ordinal);
        Assert.Contains("<h2>۴. اقتصاد شهری</h2>", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("pdf")]
    [InlineData("")]
    [InlineData("DOCX")]
    public async Task Export_InAnUnknownFormat_IsABadRequestProblem(string format)
    {
        var seed = await ExportSeed.CreateAsync(service, "format");
        var (_, client) = await seed.MemberAsync(service);

        var problem = await (await client.GetAsync($"/api/cycles/{seed.Cycle.BusinessKey}/export?format={format}")).ProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("docx, xlsx, html, stratml", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_OfAnUnknownCycle_IsANotFoundProblem()
    {
        var (_, client) = await service.SignInNewAsync("export-unknown", ["admin"]);

        var problem = await (await client.GetAsync("/api/cycles/mtp-test-no-such-export/export?format=docx")).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("mtp-test-no-such-export", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryoneInTheCycleReads_OthersGetForbidden()
    {
        var seed = await ExportSeed.CreateAsync(service, "access");
        var secretariat = $"body-{Guid.NewGuid():N}-secretariat";
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlow.Server.Data.ApprovalFlowDbContext>();
            db.Groups.Add(new ApprovalFlow.Server.Data.DirectoryGroup { Id = secretariat, Name = "دبیرخانه", Kind = ApprovalFlow.Server.Features.Planning.PlanningGroupKinds.BodySecretariat });
            await db.SaveChangesAsync();
        }

        var (_, member) = await seed.MemberAsync(service);
        var (_, body) = await service.SignInNewAsync("export-secretariat", ["official"], secretariat);
        var (_, office) = await service.SignInNewAsync("export-office", ["official"], ApprovalFlow.Server.Features.Planning.PlanningAccess.PlanningOfficeGroup);
        var (_, owner) = await service.SignInNewAsync("export-owner", ["process-owner"]);
        var (_, stranger) = await service.SignInNewAsync("export-stranger", ["official"], $"unit-{Guid.NewGuid():N}");
        var anonymous = service.Factory.CreateClient();
        var key = seed.Cycle.BusinessKey;

        foreach (var reader in new[] { member, body, office, owner })
        {
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/cycles/{key}/export?format=stratml")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await reader.GetAsync($"/api/cycles/{key}/trace")).StatusCode);
        }

        await (await stranger.GetAsync($"/api/cycles/{key}/export?format=docx")).ProblemAsync(HttpStatusCode.Forbidden);
        await (await stranger.GetAsync($"/api/cycles/{key}/trace")).ProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync($"/api/cycles/{key}/trace")).StatusCode);
    }
}
