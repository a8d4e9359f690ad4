using System.Net.Http.Json;
using System.Text.Json;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace ApprovalFlow.Server.Tests.Designer;

/// <summary>The directory searches behind the designer's pickers: <c>GET /api/groups?search=</c> and <c>GET /api/users?search=</c>.</summary>
[Collection(ServiceGroup.Name)]
public class DirectorySearchTests(ServiceFixture service)
{
    [Fact]
    public async Task A_group_is_found_by_part_of_its_Persian_name_typed_with_Arabic_letters_and_a_user_by_e_mail()
    {
        var id = BpmnFiles.NewKey("legal");
        var marker = id[^6..];
        await using (var scope = service.Factory.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ApprovalFlowDbContext>();
            db.Groups.Add(new DirectoryGroup { Id = id, Name = $"دفتر امور حقوقی کرمان {marker}", Kind = "unit" });
            await db.SaveChangesAsync();
        }

        var (_, client) = await service.SignInNewAsync("kiana", [Roles.ProcessOwner]);

        // "كرمان" with the Arabic kaf, as many keyboards type it.
        var found = await client.GetFromJsonAsync<JsonElement>($"/api/groups?search={Uri.EscapeDataString($"حقوقي كرمان {marker}")}");
        var group = Assert.Single(found.EnumerateArray());
        Assert.Equal(id, group.GetProperty("id").GetString());
        Assert.Single((await client.GetFromJsonAsync<JsonElement>($"/api/groups?search={Uri.EscapeDataString(id)}")).EnumerateArray());

        var users = await client.GetFromJsonAsync<JsonElement>("/api/users?search=kiana-");
        Assert.Contains(users.EnumerateArray(), u => u.GetProperty("email").GetString()!.StartsWith("kiana-", StringComparison.Ordinal) && u.GetProperty("displayName").GetString() == "kiana");
        Assert.Equal(0, (await client.GetFromJsonAsync<JsonElement>("/api/users?search=")).GetArrayLength());
    }
}
