using ApprovalFlow.Server.Web;
using Microsoft.AspNetCore.Mvc;

namespace ApprovalFlow.Server.Pages.Instances;

/// <summary>
/// The diagram of an instance (bpmn-js viewer island and its text alternative,
/// <c>Pages/Shared/Components/InstanceDiagram/Default.cshtml</c>), shown by the instance page and, with
/// the task's node highlighted and links to its instance pages, by the task page. A view component
/// rather than a partial so a page adds it with one line and no change to its page model. The page
/// that shows it has checked access; the island's XML comes from the instance page's handler, which
/// checks it again.
/// </summary>
public sealed class InstanceDiagramViewComponent(InstanceDiagrams diagrams) : ViewComponent
{
    /// <summary>Renders the diagram of <paramref name="instanceId"/>, highlighting <paramref name="currentNodeId"/> (the task page's task) when given; nothing when the instance does not exist.</summary>
    public async Task<IViewComponentResult> InvokeAsync(Guid instanceId, string? currentNodeId = null)
    {
        var view = await diagrams.DescribeAsync(instanceId, currentNodeId, HttpContext.RequestAborted);
        return view is null ? Content(string.Empty) : View(view);
    }
}
