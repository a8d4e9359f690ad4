using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>
/// An API client with the retry policy of docs/operations.md ("Clients and retries"): a 502, 503 or 504 (nginx found no node,
/// a node died mid-request, the database is down) or a refused or broken connection is retried after <c>Retry-After</c>
/// (at most 10 s) or a growing pause, up to 60 times. Every answer and every failed attempt is counted by status code
/// (0 for a failed connection) in <see cref="Statuses"/>, which the clients of one drill share.
/// </summary>
internal sealed class DrillClient(HttpClient http, ConcurrentDictionary<int, int> statuses)
{
    public ConcurrentDictionary<int, int> Statuses => statuses;

    /// <summary>Retried attempts (502/503/504 and failed connections).</summary>
    public int Retries { get; private set; }

    public string UserId { get; private set; } = string.Empty;

    public static async Task<DrillClient> SignInAsync(Uri baseAddress, string email, string password, ConcurrentDictionary<int, int> statuses)
    {
        var client = new DrillClient(new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(100) }, statuses);
        var (login, _) = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/auth/login") { Content = JsonContent.Create(new { email, password }) });
        login.EnsureSuccessStatusCode();
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString();
        client.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var (me, _) = await client.SendAsync(() => new HttpRequestMessage(HttpMethod.Get, "/api/me"));
        me.EnsureSuccessStatusCode();
        client.UserId = (await me.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return client;
    }

    private AuthenticationHeaderValue? Authorization { get; set; }

    /// <summary>Sends the request <paramref name="create"/> makes until it gets an answer other than 502/503/504; whether it was retried.</summary>
    public async Task<(HttpResponseMessage Response, bool Retried)> SendAsync(Func<HttpRequestMessage> create)
    {
        for (var attempt = 1; ; attempt++)
        {
            TimeSpan? wait;
            try
            {
                using var request = create();
                request.Headers.Authorization = Authorization;
                var response = await http.SendAsync(request);
                statuses.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                if (response.StatusCode is not (HttpStatusCode.BadGateway or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout) || attempt == 60)
                {
                    return (response, attempt > 1);
                }

                wait = response.Headers.RetryAfter?.Delta;
                response.Dispose();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && attempt < 60)
            {
                statuses.AddOrUpdate(0, 1, (_, n) => n + 1);
                wait = null;
            }

            Retries++;
            var pause = wait ?? TimeSpan.FromMilliseconds(Math.Min(5000, 250 * attempt));
            await Task.Delay(pause > TimeSpan.FromSeconds(10) ? TimeSpan.FromSeconds(10) : pause);
        }
    }

    /// <summary>Sends <paramref name="request"/> once, signed in, through <paramref name="other"/> (no retries).</summary>
    public Task<HttpResponseMessage> SendOnceAsync(HttpClient other, HttpRequestMessage request)
    {
        request.Headers.Authorization = Authorization;
        return other.SendAsync(request);
    }

    public Task<(HttpResponseMessage Response, bool Retried)> PostAsync(string path, object body) =>
        SendAsync(() => new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) });

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var (response, _) = await SendAsync(() => new HttpRequestMessage(HttpMethod.Get, path));
        using (response)
        {
            response.EnsureSuccessStatusCode();
            return await response.Content.ReadFromJsonAsync<JsonElement>();
        }
    }
}
