using VideoLang.Jobs.Store;

namespace VideoLang.Api.Contracts;

/// <summary>Where to read a job and the video or QA batch it works on.</summary>
public sealed record JobLinks(string Self, string Subject)
{
    internal static JobLinks For(Job job) =>
        new(ApiPaths.Job(job.Id), job.Kind == JobKind.QaBatch ? ApiPaths.QaBatch(job.SubjectId) : ApiPaths.Video(job.SubjectId));
}
