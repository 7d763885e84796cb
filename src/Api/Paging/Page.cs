namespace VideoLang.Api.Paging;

/// <summary>One page of a list, and the cursor for the next (null on the last page).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? NextCursor);
