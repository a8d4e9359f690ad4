using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ApprovalFlow.Server.Tests.Support;

/// <summary>JSON helpers for API tests.</summary>
public static class HttpJson
{
    public static async Task<JsonElement> PostOkAsync(this HttpClient client, string url, object? body = null, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await client.PostAsJsonAsync(url, body ?? new { });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == expected, $"POST {url}: expected {expected}, got {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    public static async Task<JsonElement> GetOkAsync(this HttpClient client, string url)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {url}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts an RFC 9457 problem body with the status and returns it.</summary>
    public static Task<JsonElement> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status) =>
        Problems.AssertProblemAsync(response, status);

    public static IEnumerable<JsonElement> Items(this JsonElement page) => page.GetProperty("items").EnumerateArray();

    public static string Str(this JsonElement element, string property) => element.GetProperty(property).GetString()!;
}
