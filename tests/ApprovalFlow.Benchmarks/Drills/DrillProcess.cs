using System.Collections.Concurrent;
using System.Text;
using ApprovalFlow.Testing;

namespace ApprovalFlow.Benchmarks.Drills;

/// <summary>The drills' process (<see cref="CrashDrillProcess"/>), deployed through the API by the demo process owner.</summary>
internal static class DrillProcess
{
    public const string Key = "drill-crash";
    public const int TasksPerInstance = CrashDrillProcess.TasksPerInstance;
    public const string OwnerEmail = "owner@approvalflow.local";

    public static string Xml => CrashDrillProcess.Xml(Key, "Drill");

    public static async Task DeployAsync(Uri baseAddress, string password)
    {
        var owner = await DrillClient.SignInAsync(baseAddress, OwnerEmail, password, new ConcurrentDictionary<int, int>());
        var (response, _) = await owner.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, "/api/definitions") { Content = new StringContent(Xml, Encoding.UTF8, "application/xml") });
        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Deploying the drill process failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
        }
    }
}
