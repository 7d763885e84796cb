using Microsoft.Extensions.Diagnostics.HealthChecks;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Health;

/// <summary>
/// Ready when an embedder is active and this process can load it (search runs it here), and the
/// cross-encoder, when one is active, loads too; the description names both roles. With no cross-encoder
/// the API is ready: search is one stage and QA batches are refused. The first check loads the models;
/// later ones find them loaded.
/// It asks as interactive work, so a runner busy with ingest answers within Worker:InteractiveModelWait
/// (unready while it cannot take a search) instead of holding the probe.
/// </summary>
internal sealed class ModelHealthCheck(ModelCatalog catalog, ModelRunner runner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var embedder = await catalog.GetActiveAsync(cancellationToken);
            var frames = await runner.RunAsync(embedder, m => (m.Embedder.Frames.Size, m.Embedder.HasText), ModelCallPriority.Interactive, cancellationToken);
            var text = frames.HasText ? "text and video" : "video only, no text search";
            var description = $"Embedder '{embedder.Name}' ({embedder.Kind}, {text}) is loaded ({frames.Size} px frames).";
            var crossEncoder = await catalog.FindActiveAsync(ModelRole.CrossEncoder, cancellationToken);
            if (crossEncoder is null)
            {
                return HealthCheckResult.Healthy($"{description} No cross-encoder is active: search is one stage, QA batches are refused.");
            }
            var imageSize = await runner.RunAsync(crossEncoder, m => m.ImageSize, ModelCallPriority.Interactive, cancellationToken);
            return HealthCheckResult.Healthy($"{description} Cross-encoder '{crossEncoder.Name}' is loaded ({imageSize} px frames).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.Message, e);
        }
    }
}
