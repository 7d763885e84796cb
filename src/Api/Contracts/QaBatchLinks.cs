namespace VideoLang.Api.Contracts;

/// <summary>Where to follow a QA batch: its progress, its answers, how to cancel it, and its job.</summary>
public sealed record QaBatchLinks(string Self, string Items, string Cancel, string? Job)
{
    internal static QaBatchLinks For(Guid batchId, Guid? jobId) =>
        new(ApiPaths.QaBatch(batchId), ApiPaths.QaBatchItems(batchId), ApiPaths.QaBatchCancel(batchId), jobId is { } id ? ApiPaths.Job(id) : null);
}
