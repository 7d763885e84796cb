using System.Collections;
using System.Collections.Specialized;
using System.Text.Json;
using Quartz;
using Quartz.Spi;

namespace VideoLang.Jobs.Scheduling;

/// <summary>
/// Quartz's job store wants a serializer; the binary one is gone from .NET and the JSON packages are
/// not served here. Job data is stored as string properties (<c>UseProperties</c>), so all this ever
/// has to write is a map of strings, in whichever collection type the store hands over.
/// </summary>
internal sealed class QuartzJsonSerializer : IObjectSerializer
{
    public void Initialize()
    {
    }

    public byte[] Serialize<T>(T obj) where T : class => JsonSerializer.SerializeToUtf8Bytes(obj switch
    {
        IDictionary map => map.Keys.Cast<object>().ToDictionary(k => k.ToString()!, k => map[k]?.ToString()),
        NameValueCollection pairs => pairs.AllKeys.ToDictionary(k => k!, k => pairs[k]),
        _ => throw new NotSupportedException($"VideoLang's job store keeps only string job data; a {obj.GetType().Name} cannot be stored."),
    });

    public T? DeSerialize<T>(byte[] data) where T : class
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(data) ?? [];
        object result = typeof(T) switch
        {
            var t when t == typeof(JobDataMap) => ToJobDataMap(values),
            var t when t == typeof(NameValueCollection) => ToPairs(values),
            var t when t.IsAssignableFrom(typeof(Dictionary<string, string?>)) => values,
            var t when t.IsAssignableFrom(typeof(Dictionary<string, object?>)) => values.ToDictionary(p => p.Key, p => (object?)p.Value),
            _ => throw new NotSupportedException($"VideoLang's job store keeps only string job data; a {typeof(T).Name} cannot be read."),
        };
        return (T)result;
    }

    private static JobDataMap ToJobDataMap(Dictionary<string, string?> values)
    {
        var map = new JobDataMap();
        foreach (var (key, value) in values)
        {
            map[key] = value!;
        }
        return map;
    }

    private static NameValueCollection ToPairs(Dictionary<string, string?> values)
    {
        var pairs = new NameValueCollection();
        foreach (var (key, value) in values)
        {
            pairs[key] = value;
        }
        return pairs;
    }
}
