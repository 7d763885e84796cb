using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoLang.Api.Hosting;

/// <summary>
/// Writes every timestamp as ISO 8601 in UTC with a <c>Z</c> (<c>2025-01-31T09:30:00.123456Z</c>), whatever
/// offset the value carries, so clients never have to reason about offsets.
/// </summary>
internal sealed class UtcTimestampConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime);
}
