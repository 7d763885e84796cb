using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace VideoLang.Api.OpenApi;

/// <summary>Names the API in its OpenAPI document and declares the bearer API key every /v1 operation needs.</summary>
internal sealed class ApiDocumentTransformer : IOpenApiDocumentTransformer
{
    private const string SchemeName = "ApiKey";

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "VideoLang API",
            Version = "v1",
            Description = "Upload videos, search them by text, and ask questions about them. Errors are RFC 7807 problem details; lists page with next_cursor.",
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SchemeName] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            BearerFormat = "vl_...",
            Description = "An API key (`vlang keys create`): Authorization: Bearer vl_... Scopes: read for GETs, write for uploads, submissions and deletes.",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SchemeName, document)] = [] }];
        return Task.CompletedTask;
    }
}
