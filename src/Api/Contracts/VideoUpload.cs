using Microsoft.AspNetCore.Http;

namespace VideoLang.Api.Contracts;

/// <summary>An upload's multipart/form-data body: the video in a part named <c>file</c> (<c>curl -F file=@video.mp4</c>).</summary>
// Only the OpenAPI document uses this type: the endpoint streams the part to disk itself, so nothing binds to it.
public sealed record VideoUpload(IFormFile File);
