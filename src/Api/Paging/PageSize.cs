using VideoLang.Api.Hosting;

namespace VideoLang.Api.Paging;

/// <summary>The page size a list request asked for, checked against <see cref="ApiOptions.MaxPageSize"/>.</summary>
internal static class PageSize
{
    /// <summary>The size to use, or null with <paramref name="error"/> saying what is allowed.</summary>
    public static int? Resolve(int? limit, ApiOptions options, out string? error)
    {
        error = null;
        if (limit is null)
        {
            return options.DefaultPageSize;
        }
        if (limit < 1 || limit > options.MaxPageSize)
        {
            error = $"limit must be between 1 and {options.MaxPageSize}; got {limit}.";
            return null;
        }
        return limit;
    }
}
