using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace ApprovalFlow.Server.Api;

/// <summary>
/// Declares the bearer token of <c>POST /api/auth/login</c> as the document's security scheme
/// (<c>Bearer</c>, HTTP bearer) and requires it document-wide; the few anonymous endpoints (sign-in,
/// health, this document) ignore the header.
/// </summary>
internal sealed class BearerSecuritySchemeTransformer : IOpenApiDocumentTransformer
{
    /// <summary>The scheme's name in <c>components.securitySchemes</c>.</summary>
    public const string SchemeName = "Bearer";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info.Title = "ApprovalFlow API";
        document.Info.Description = "BPMN 2.0 approval workflows: definitions, instances, tasks, messages, directory, incidents. Errors are RFC 9457 problem details.";
        document.AddComponent<IOpenApiSecurityScheme>(SchemeName, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The accessToken of POST /api/auth/login (ASP.NET Core Identity bearer token).",
        });
        document.Security ??= [];
        document.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] });
        return Task.CompletedTask;
    }
}
