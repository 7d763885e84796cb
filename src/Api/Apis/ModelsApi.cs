using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using VideoLang.Api.Auth;
using VideoLang.Api.Contracts;
using VideoLang.Api.Problems;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Store;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Embedders;

namespace VideoLang.Api.Apis;

/// <summary>
/// <c>/v1/models</c> (admin scope): the registered models and their roles, importing a model from the
/// server's disk, and activating one as the embedder or the cross-encoder. Models are shared by every
/// tenant of the deployment, hence admin only.
/// </summary>
internal static class ModelsApi
{
    public static RouteGroupBuilder MapModelsApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/models").WithTags("Models").RequireAuthorization(Scopes.Admin);
        api.MapGet("", ListAsync)
            .WithName("ListModels")
            .WithSummary("Registered models, their kind, and the active embedder and cross-encoder.");
        api.MapPost("", ImportAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("ImportModel")
            .WithSummary("Imports a model folder or ClipBERT release file from the server's disk (format detected, every tensor reported) and registers it.");
        api.MapPost("/{name}/activate", ActivateAsync)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithName("ActivateModel")
            .WithSummary("Makes a model the active embedder or cross-encoder (no role: every role its kind serves).");
        api.MapDelete("/active/{role}", DeactivateAsync)
            .WithName("DeactivateRole")
            .WithSummary("Leaves a role empty: with no cross-encoder, search is one stage and QA batches are refused.");
        return api;
    }

    internal static async Task<Ok<ModelList>> ListAsync(ModelCatalog catalog, CancellationToken cancellationToken)
    {
        var models = await catalog.ListAsync(cancellationToken);
        return TypedResults.Ok(new ModelList(
            models.FirstOrDefault(m => m.ActiveEmbedder)?.Name, models.FirstOrDefault(m => m.ActiveCrossEncoder)?.Name, models.Select(ModelSummary.From).ToArray()));
    }

    internal static async Task<Results<Created<ModelImportResult>, ProblemHttpResult>> ImportAsync(ModelImportRequest request, ModelImporter importer, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Path))
        {
            return ApiProblems.BadRequest("path is required: a model folder or ClipBERT .pt file on the server, e.g. {\"path\": \"/srv/models/clip-vit-base-patch32\", \"activate\": true}.");
        }
        try
        {
            var import = await importer.ImportAsync(request.Path, request.Name, request.Activate, request.Vocabulary, cancellationToken);
            return TypedResults.Created($"/v1/models/{Uri.EscapeDataString(import.Model.Name)}",
                new ModelImportResult(ModelSummary.From(import.Model), import.Format, import.ConvertedTo, import.Report));
        }
        catch (Exception e) when (e is CheckpointException or WeightImportException or ImageTextImportException)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status422UnprocessableEntity, type: ProblemTypes.ModelImportFailed);
        }
    }

    internal static async Task<Results<Ok<ModelSummary>, ProblemHttpResult>> ActivateAsync(string name, ModelActivation? activation, ModelCatalog catalog, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Ok(ModelSummary.From(await catalog.ActivateAsync(name, activation?.Role, cancellationToken)));
        }
        catch (KeyNotFoundException e)
        {
            return TypedResults.Problem(e.Message, statusCode: StatusCodes.Status404NotFound, type: ProblemTypes.NotFound);
        }
    }

    internal static async Task<Results<NoContent, ProblemHttpResult>> DeactivateAsync(string role, ModelCatalog catalog, CancellationToken cancellationToken)
    {
        if (ModelRoles.Parse(role) is not { } parsed)
        {
            return ApiProblems.BadRequest($"role must be 'embedder' or 'cross_encoder'; got '{role}'.");
        }
        await catalog.DeactivateAsync(parsed, cancellationToken);
        return TypedResults.NoContent();
    }
}
