using System.Text.Json;

namespace VideoLang.Api.Apis;

/// <summary>A list's <c>status=</c> filter: a snake_case name of one of <typeparamref name="T"/>'s values, or nothing.</summary>
internal static class StatusFilter<T>
    where T : struct, Enum
{
    private static readonly Dictionary<string, T> s_names = Enum.GetValues<T>().ToDictionary(s => JsonNamingPolicy.SnakeCaseLower.ConvertName(s.ToString()));

    /// <summary>False with <paramref name="problem"/> naming the accepted values when <paramref name="status"/> is none of them.</summary>
    public static bool TryParse(string? status, out T? value, out string? problem)
    {
        value = null;
        problem = null;
        if (string.IsNullOrEmpty(status))
        {
            return true;
        }
        if (s_names.TryGetValue(status, out var parsed))
        {
            value = parsed;
            return true;
        }
        problem = $"status must be one of {string.Join(", ", s_names.Keys)}; got '{status}'.";
        return false;
    }
}
