using System.Text.Json;
using Microsoft.AspNetCore.Http;
using VideoLang.Sampler.Validation;

namespace VideoLang.Api.Problems;

/// <summary>
/// The status for each reason an upload is refused. 415 when the file is a format the service does not
/// take (a playlist, an image, a container outside the allow-list: another file is needed); 413 when it is
/// too big; 422 when it is a video container the service takes but this file cannot be used (empty,
/// unreadable or truncated, no video stream, no duration, over the length or resolution caps).
/// </summary>
internal static class VideoRejections
{
    public static int Status(VideoRejectionReason reason) => reason switch
    {
        VideoRejectionReason.UnsupportedContainer or VideoRejectionReason.PlaylistOrScript => StatusCodes.Status415UnsupportedMediaType,
        VideoRejectionReason.FileTooLarge => StatusCodes.Status413PayloadTooLarge,
        _ => StatusCodes.Status422UnprocessableEntity,
    };

    /// <summary>The reason as the API spells it (<c>playlist_or_script</c>).</summary>
    public static string Name(VideoRejectionReason reason) => JsonNamingPolicy.SnakeCaseLower.ConvertName(reason.ToString());
}
