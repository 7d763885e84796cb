namespace VideoLang.Api.Contracts;

/// <summary>The paths of the API's resources, for Location headers and links.</summary>
internal static class ApiPaths
{
    public static string Video(Guid id) => $"/v1/videos/{id}";

    public static string VideoContent(Guid id) => $"/v1/videos/{id}/content";

    public static string ClipThumbnail(Guid videoId, int clip) => $"/v1/videos/{videoId}/clips/{clip}/thumbnail";

    public static string Job(Guid id) => $"/v1/jobs/{id}";

    public static string QaBatch(Guid id) => $"/v1/qa/batches/{id}";

    public static string QaBatchItems(Guid id) => $"/v1/qa/batches/{id}/items";

    public static string QaBatchCancel(Guid id) => $"/v1/qa/batches/{id}/cancel";
}
