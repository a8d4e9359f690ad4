using System.Net;
using ApprovalFlow.Server.Api;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Tests.Support;

namespace ApprovalFlow.Server.Tests.Api;

/// <summary>
/// Every paged list endpoint (<c>GET /api/tasks</c> in each scope, <c>GET /api/instances</c>) takes
/// every page and page size: the edges 1, 2, max-1, max, max+1, 0, negative and int.MaxValue answer
/// 200 with the page the clamped values select.
/// </summary>
[Collection(ServiceGroup.Name)]
public class PagingEdgesTests(ServiceFixture service)
{
    private static readonly int[] PageSizes = [1, 2, Paging.MaxPageSize - 1, Paging.MaxPageSize, Paging.MaxPageSize + 1, 0, -1, int.MinValue, int.MaxValue];

    private static readonly int[] Pages = [1, 2, 3, 0, -1, int.MinValue, int.MaxValue - 1, int.MaxValue];

    [Fact]
    public async Task EveryListEndpoint_TakesEveryPageAndPageSizeEdge()
    {
        var key = BpmnFiles.NewKey("paging");
        await service.DeployXmlAsync($$"""
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="d" targetNamespace="t">
              <bpmn:process id="{{key}}" isExecutable="true">
                <bpmn:startEvent id="s" />
                <bpmn:parallelGateway id="fork" />
                <bpmn:userTask id="mine" camunda:assignee="${me}" />
                <bpmn:userTask id="claimable" camunda:candidateUsers="${me}" />
                <bpmn:parallelGateway id="join" />
                <bpmn:endEvent id="e" />
                <bpmn:sequenceFlow id="f1" sourceRef="s" targetRef="fork" />
                <bpmn:sequenceFlow id="f2" sourceRef="fork" targetRef="mine" />
                <bpmn:sequenceFlow id="f3" sourceRef="fork" targetRef="claimable" />
                <bpmn:sequenceFlow id="f4" sourceRef="mine" targetRef="join" />
                <bpmn:sequenceFlow id="f5" sourceRef="claimable" targetRef="join" />
                <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="e" />
              </bpmn:process>
            </bpmn:definitions>
            """);
        var (user, client) = await service.SignInNewAsync("pager", [Roles.ProcessOwner]);
        var first = string.Empty;
        for (var i = 0; i < 3; i++)
        {
            var id = (await client.PostOkAsync("/api/instances", new { definitionKey = key, variables = new { me = user.Id } }, HttpStatusCode.Created)).Str("id");
            first = i == 0 ? id : first;
        }

        (string Url, int Total)[] lists =
        [
            ("/api/tasks?scope=mine", 3),
            ("/api/tasks?scope=group", 3),
            ($"/api/tasks?scope=all&rootInstanceId={first}", 2),
            ($"/api/instances?definitionKey={key}", 3),
        ];
        foreach (var (url, total) in lists)
        {
            foreach (var pageSize in PageSizes)
            {
                foreach (var page in Pages)
                {
                    var answer = await client.GetOkAsync($"{url}&page={page}&pageSize={pageSize}");

                    Assert.Equal(total, answer.GetProperty("total").GetInt32());
                    Assert.True(Expected(total, page, pageSize) == answer.Items().Count(), $"{url} page={page} pageSize={pageSize}: {answer.Items().Count()} items");
                }
            }
        }
    }

    /// <summary>How many items the page holds: the size is clamped to 1..max, the page to 1.. (and past the end it is empty).</summary>
    private static int Expected(int total, int page, int pageSize)
    {
        long size = Math.Clamp(pageSize, 1, Paging.MaxPageSize);
        long skipped = (Math.Max(page, 1) - 1L) * size;
        return (int)Math.Clamp(total - skipped, 0, size);
    }
}
