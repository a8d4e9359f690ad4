using System.Text;
using ApprovalFlow.Server.Data;
using ApprovalFlow.Server.Features.Auth;
using ApprovalFlow.Server.Features.Definitions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ApprovalFlow.Server.Pages.Definitions;

/// <summary>
/// <c>/definitions/{key}/versions/{version}/xml</c>: one version's BPMN file as deployed, from
/// <c>GET /api/definitions/{key}/versions/{version}/xml</c>'s handler, as a download named
/// <c>{key}-v{version}.bpmn</c> (the pages' cookie sign-in; the API takes bearer tokens). The diagram and
/// comparison islands read it too. An unknown key or version is a 404 page.
/// </summary>
[Authorize(Policy = Policies.ProcessOwner)]
public sealed class XmlModel(ApprovalFlowDbContext db) : PageModel
{
    /// <summary>The file (<c>application/xml</c>, UTF-8 as deployed), or 404.</summary>
    public async Task<IActionResult> OnGetAsync(string key, int version, CancellationToken cancellationToken)
    {
        if ((await DefinitionsApi.GetXmlAsync(key, version, db, cancellationToken)).Result is not ContentHttpResult { ResponseContent: { } xml })
        {
            return NotFound();
        }

        Response.Headers.CacheControl = "private, max-age=3600";
        return File(Encoding.UTF8.GetBytes(xml), "application/xml", DefinitionFacts.FileName(key, version));
    }
}
