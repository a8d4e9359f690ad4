using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using ApprovalFlow.Engine.History;
using ApprovalFlow.Server.Features.Tasks;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Options;

namespace ApprovalFlow.Server.Tests.Tasks;

[Collection(ServiceGroup.Name)]
public class TaskAttachmentsApiTests(ServiceFixture service)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

    [Fact]
    public async Task A_pdf_is_stored_with_its_hash_listed_for_everyone_who_sees_the_task_and_downloaded_as_an_attachment_with_safe_headers()
    {
        var scenario = await TaskActivityScenario.StartAsync(service);
        const string name = "گزارش جلسه اول.pdf";

        var response = await UploadAsync(scenario.MemberClient, scenario.TaskId, name, Pdf);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var added = await response.ReadJsonAsync();
        var sha = Convert.ToHexStringLower(SHA256.HashData(Pdf));
        Assert.Equal(name, added.Str("fileName"));
        Assert.Equal("application/pdf", added.Str("contentType"));
        Assert.Equal(Pdf.Length, added.GetProperty("size").GetInt64());
        Assert.Equal(sha, added.Str("sha256"));
        Assert.Equal("member", added.Str("uploadedByName"));
        Assert.Equal($"/api/tasks/{scenario.TaskId}/attachments/{added.Str("id")}", response.Headers.Location?.ToString());
        var listed = Assert.Single((await scenario.ColleagueClient.GetOkAsync($"/api/tasks/{scenario.TaskId}/attachments")).EnumerateArray());
        Assert.Equal(added.Str("id"), listed.Str("id"));

        var download = await scenario.ColleagueClient.GetAsync(new Uri($"/api/tasks/{scenario.TaskId}/attachments/{added.Str("id")}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["nosniff"], download.Headers.GetValues("X-Content-Type-Options"));
        var disposition = download.Content.Headers.ContentDisposition!;
        Assert.Equal("attachment", disposition.DispositionType);
        Assert.Equal(name, disposition.FileNameStar);
        Assert.DoesNotContain(disposition.FileName!, c => c > 127);
        Assert.Contains("filename*=UTF-8''", download.Content.Headers.GetValues("Content-Disposition").Single(), StringComparison.Ordinal);
        Assert.Equal($"\"{sha}\"", download.Headers.ETag?.Tag);

        var history = Assert.Single(await scenario.HistoryAsync(HistoryEventType.TaskAttachmentAdded));
        Assert.Equal(scenario.Member.Id, history.Actor);
        Assert.Equal(added.Str("id"), TaskActivityScenario.Text(history.Data, "attachmentId"));
        Assert.Equal(name, TaskActivityScenario.Text(history.Data, "name"));
        Assert.Equal(sha, TaskActivityScenario.Text(history.Data, "sha256"));
    }

    [Fact]
    public async Task Office_documents_and_images_are_recognised_by_their_content()
    {
        var scenario = await TaskActivityScenario.StartAsync(service);

        foreach (var (name, content, type) in new[]
        {
            ("برنامه.docx", OfficePackage("word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
            ("بودجه.xlsx", OfficePackage("xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
            ("ارائه.pptx", OfficePackage("ppt/presentation.xml"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
            ("قدیمی.doc", [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0, 0], "application/msword"),
            ("نقشه.PNG", [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13], "image/png"),
            ("عکس.jpeg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16], "image/jpeg"),
        })
        {
            var response = await UploadAsync(scenario.MemberClient, scenario.TaskId, name, content);
            Assert.True(response.StatusCode == HttpStatusCode.Created, $"{name}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            Assert.Equal(type, (await response.ReadJsonAsync()).Str("contentType"));
        }

        Assert.Equal(6, (await scenario.StoredAsync()).Attachments);
    }

    [Theory]
    [InlineData("برنامه.exe", "not of an accepted type")]
    [InlineData("یادداشت.txt", "not of an accepted type")]
    [InlineData("بی‌پسوند", "not of an accepted type")]
    [InlineData("renamed.pdf", "is not a pdf file")]
    [InlineData("zip-without-word.docx", "is not a docx file")]
    [InlineData("pdf-named.png", "is not a png file")]
    public async Task A_file_of_another_type_or_whose_content_does_not_match_its_name_is_a_415_problem_and_nothing_is_stored(string name, string expected)
    {
        var scenario = await TaskActivityScenario.StartAsync(service);
        byte[] content = name switch
        {
            "zip-without-word.docx" => OfficePackage("xl/workbook.xml"),
            "pdf-named.png" => Pdf,
            _ => Encoding.ASCII.GetBytes("MZ\x90\0 this program cannot be run in DOS mode"),
        };

        var response = await UploadAsync(scenario.MemberClient, scenario.TaskId, name, content);

        Assert.Contains(expected, (await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType)).Str("detail"), StringComparison.Ordinal);
        Assert.Equal(0, (await scenario.StoredAsync()).Attachments);
        Assert.Empty(await scenario.HistoryAsync(HistoryEventType.TaskAttachmentAdded));
    }

    [Fact]
    public async Task Uploads_up_to_the_configured_size_pass_the_request_body_limit_and_larger_ones_are_413_problems()
    {
        var scenario = await TaskActivityScenario.StartAsync(service);
        var limit = AttachmentOptions.DefaultMaxBytes;
        Assert.True(limit > ApiOptionsDefaultBodyLimit, "The test needs files larger than the API's general body limit.");

        var largest = await UploadAsync(scenario.MemberClient, scenario.TaskId, "بزرگ.pdf", PdfOfSize(limit));
        Assert.True(largest.StatusCode == HttpStatusCode.Created, await largest.Content.ReadAsStringAsync());

        var oneMore = await UploadAsync(scenario.MemberClient, scenario.TaskId, "بزرگ‌تر.pdf", PdfOfSize(limit + 1));
        Assert.Contains($"at most {limit} bytes", (await oneMore.ProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Str("detail"), StringComparison.Ordinal);

        var far = await UploadAsync(scenario.MemberClient, scenario.TaskId, "خیلی‌بزرگ.pdf", PdfOfSize(limit + AttachmentOptions.MultipartAllowanceBytes + 1));
        Assert.Contains("the limit is", (await far.ProblemAsync(HttpStatusCode.RequestEntityTooLarge)).Str("detail"), StringComparison.Ordinal);

        var comment = await scenario.MemberClient.PostAsync(
            new Uri($"/api/tasks/{scenario.TaskId}/comments", UriKind.Relative),
            new ByteArrayContent(new byte[ApiOptionsDefaultBodyLimit + 1]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        await comment.ProblemAsync(HttpStatusCode.RequestEntityTooLarge);

        Assert.Equal(1, (await scenario.StoredAsync()).Attachments);
    }

    [Fact]
    public async Task The_task_pages_upload_form_takes_bodies_up_to_the_attachment_limit_and_no_more()
    {
        using var anonymous = service.Factory.CreateClient(new() { AllowAutoRedirect = false });
        var url = new Uri($"/tasks/{Guid.NewGuid()}/attachments", UriKind.Relative);

        // Beyond the API's general body limit, up to the attachment limit: answered (sign in first), not refused as too large.
        using var fits = new ByteArrayContent(new byte[AttachmentOptions.DefaultMaxBytes]);
        fits.Headers.ContentType = new MediaTypeHeaderValue("multipart/form-data") { Parameters = { new NameValueHeaderValue("boundary", "x") } };
        var answered = await anonymous.PostAsync(url, fits);
        Assert.Equal(HttpStatusCode.Redirect, answered.StatusCode);
        Assert.Contains("/account/login", answered.Headers.Location?.ToString(), StringComparison.Ordinal);

        using var tooLarge = new ByteArrayContent(new byte[AttachmentOptions.DefaultMaxBytes + AttachmentOptions.MultipartAllowanceBytes + 1]);
        tooLarge.Headers.ContentType = fits.Headers.ContentType;
        var refused = await anonymous.PostAsync(url, tooLarge);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, refused.StatusCode);
        Assert.Contains("خطای ۴۱۳", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the web app's error page

        using var otherPage = new ByteArrayContent(new byte[ApiOptionsDefaultBodyLimit + 1]);
        otherPage.Headers.ContentType = fits.Headers.ContentType;
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, (await anonymous.PostAsync(new Uri($"/tasks/{Guid.NewGuid()}/comments", UriKind.Relative), otherPage)).StatusCode);
    }

    [Fact]
    public async Task Attachments_of_a_task_are_404_for_an_official_who_cannot_see_it_and_a_missing_or_empty_file_is_a_400_problem()
    {
        var scenario = await TaskActivityScenario.StartAsync(service);
        var id = (await (await UploadAsync(scenario.MemberClient, scenario.TaskId, "a.pdf", Pdf)).ReadJsonAsync()).Str("id");

        await (await scenario.OutsiderClient.GetAsync(new Uri($"/api/tasks/{scenario.TaskId}/attachments", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);
        var download = await scenario.OutsiderClient.GetAsync(new Uri($"/api/tasks/{scenario.TaskId}/attachments/{id}", UriKind.Relative));
        await download.ProblemAsync(HttpStatusCode.NotFound);
        await (await UploadAsync(scenario.OutsiderClient, scenario.TaskId, "b.pdf", Pdf)).ProblemAsync(HttpStatusCode.NotFound);
        await (await scenario.MemberClient.GetAsync(new Uri($"/api/tasks/{scenario.TaskId}/attachments/{Guid.NewGuid()}", UriKind.Relative))).ProblemAsync(HttpStatusCode.NotFound);

        Assert.Contains("is empty", (await (await UploadAsync(scenario.MemberClient, scenario.TaskId, "خالی.pdf", [])).ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        using var noFile = new MultipartFormDataContent { { new StringContent("x"), "note" } };
        var missing = await scenario.MemberClient.PostAsync(new Uri($"/api/tasks/{scenario.TaskId}/attachments", UriKind.Relative), noFile);
        Assert.Contains("field 'file'", (await missing.ProblemAsync(HttpStatusCode.BadRequest)).Str("detail"), StringComparison.Ordinal);
        var json = await scenario.MemberClient.PostAsync(new Uri($"/api/tasks/{scenario.TaskId}/attachments", UriKind.Relative), new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Contains("application/json", (await json.ProblemAsync(HttpStatusCode.UnsupportedMediaType)).Str("detail"), StringComparison.Ordinal);
        var nothing = await scenario.MemberClient.PostAsync(new Uri($"/api/tasks/{scenario.TaskId}/attachments", UriKind.Relative), null);
        Assert.Contains("multipart/form-data", (await nothing.ProblemAsync(HttpStatusCode.UnsupportedMediaType)).Str("detail"), StringComparison.Ordinal);

        Assert.Equal(1, (await scenario.StoredAsync()).Attachments);
    }

    [Fact]
    public void File_names_lose_folders_control_and_bidirectional_characters_but_keep_Persian_and_their_extension()
    {
        Assert.Equal("نامه‌ها.pdf", AttachmentNames.Clean("C:\\Users\\x\\نامه‌ها.pdf"));
        Assert.Equal("invoicefdp.exe", AttachmentNames.Clean("invoice\u202Efdp.exe"));
        Assert.Equal("ab.pdf", AttachmentNames.Clean("a\r\nb.pdf"));
        Assert.Equal("file.pdf", AttachmentNames.Clean(".pdf"));
        var longName = AttachmentNames.Clean(new string('پ', 300) + ".docx");
        Assert.Equal(AttachmentNames.MaxLength, longName.Length);
        Assert.EndsWith("پ.docx", longName, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_allowed_type_that_cannot_be_recognised_by_content_stops_start_up_naming_it()
    {
        await using var factory = service.Factory.WithWebHostBuilder(web => ServiceFixture.WithoutJobs(web)
            .UseSetting("Attachments:AllowedTypes:0", "pdf")
            .UseSetting("Attachments:AllowedTypes:1", "exe"));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        var invalid = Assert.IsType<OptionsValidationException>(Flatten(exception).First(e => e is OptionsValidationException));
        Assert.Contains("Attachments:AllowedTypes", invalid.Message, StringComparison.Ordinal);
        Assert.Contains("'exe'", invalid.Message, StringComparison.Ordinal);
    }

    private const int ApiOptionsDefaultBodyLimit = 8 * 1024 * 1024;

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, string taskId, string name, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", name);
        return await client.PostAsync(new Uri($"/api/tasks/{taskId}/attachments", UriKind.Relative), form);
    }

    private static byte[] PdfOfSize(long size)
    {
        var content = new byte[size];
        Pdf.CopyTo(content, 0);
        return content;
    }

    /// <summary>A minimal Office Open XML package: <c>[Content_Types].xml</c> and one part.</summary>
    private static byte[] OfficePackage(string part)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in new[] { "[Content_Types].xml", part })
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<?xml version=\"1.0\"?><x/>");
            }
        }

        return buffer.ToArray();
    }

    private static IEnumerable<Exception> Flatten(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
            if (e is AggregateException aggregate)
            {
                foreach (var inner in aggregate.InnerExceptions.SelectMany(Flatten))
                {
                    yield return inner;
                }
            }
        }
    }
}
