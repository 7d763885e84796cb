using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoLang.Api.Hosting;

/// <summary>The API's JSON conventions: snake_case names, enums as snake_case strings, timestamps in UTC.</summary>
internal static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        // Problem details' extensions (trace_id, errors) follow the same convention as the bodies.
        options.DictionaryKeyPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        options.Converters.Add(new UtcTimestampConverter());
    }
}
