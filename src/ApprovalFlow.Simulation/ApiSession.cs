using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ApprovalFlow.Simulation;

/// <summary>One participant signed in to the API (bearer token), with JSON helpers that fail loudly.</summary>
internal sealed class ApiSession(HttpClient client, string email) : IDisposable
{
    public string Email { get; } = email;

    public static async Task<ApiSession> SignInAsync(HttpClient client, string email, string password, CancellationToken cancellationToken)
    {
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password }, cancellationToken);
        await EnsureAsync(response, $"sign in as {email}", cancellationToken);
        var token = await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        return new ApiSession(client, email);
    }

    public async Task<JsonElement> GetAsync(string url, CancellationToken cancellationToken)
    {
        var response = await client.GetAsync(new Uri(url, UriKind.Relative), cancellationToken);
        await EnsureAsync(response, $"GET {url}", cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public async Task<JsonElement> PostAsync(string url, object body, CancellationToken cancellationToken)
    {
        var response = await client.PostAsJsonAsync(url, body, cancellationToken);
        await EnsureAsync(response, $"POST {url}", cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public async Task<JsonElement> PutAsync(string url, object body, CancellationToken cancellationToken)
    {
        var response = await client.PutAsJsonAsync(url, body, cancellationToken);
        await EnsureAsync(response, $"PUT {url}", cancellationToken);
        return await response.Content.ReadFromJsonAsync<JsonElement>(cancellationToken);
    }

    public void Dispose() => client.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            throw new SimulationException($"{what} failed with {(int)response.StatusCode}: {body}");
        }
    }
}

/// <summary>The simulation could not go on (an API call failed, or the cycle did not finish in time).</summary>
public sealed class SimulationException(string message) : Exception(message);
