namespace VideoLang.Api.Contracts;

/// <summary>One sampled clip of a video: its index and time range, the time its thumbnail shows, and where to get the thumbnail.</summary>
public sealed record ClipSummary(int Clip, double StartSeconds, double EndSeconds, double ThumbnailSeconds, string Thumbnail);
