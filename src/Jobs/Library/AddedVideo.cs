using VideoLang.Jobs.Store;

namespace VideoLang.Jobs.Library;

/// <summary>The outcome of adding a file: the video, its ingest job, and whether it is new (false: the same content or idempotency key was seen before).</summary>
public sealed record AddedVideo(Video Video, Job? Job, bool Created);
