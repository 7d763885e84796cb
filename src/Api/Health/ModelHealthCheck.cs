using Microsoft.Extensions.Diagnostics.HealthChecks;
using VideoLang.Jobs.Inference;

namespace VideoLang.Api.Health;

/// <summary>
/// Ready when a model is active and this process can load it: search runs the model here, so a model
/// that is registered but cannot be loaded makes the API unready. The first check loads the model;
/// later ones find it loaded. It asks as interactive work, so a runner busy with ingest answers within
/// Worker:InteractiveModelWait (unready while it cannot take a search) instead of holding the probe.
/// </summary>
internal sealed class ModelHealthCheck(ModelCatalog catalog, ModelRunner runner) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var model = await catalog.GetActiveAsync(cancellationToken);
            var imageSize = await runner.RunAsync(model, m => m.ImageSize, ModelCallPriority.Interactive, cancellationToken);
            return HealthCheckResult.Healthy($"Model '{model.Name}' is loaded ({imageSize} px frames).");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy(e.Message, e);
        }
    }
}
