using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace VideoLang.Sampler.Synthetic;

/// <summary>
/// Reads and writes synthetic manifests: JSON Lines, one <see cref="SyntheticVideo"/> per line, camelCase
/// names and enum values (<c>{"id":"scene-0000","file":"scene-0000.mp4","scene":{"shape":"circle",...},
/// "caption":"a red circle moves left on a blue background","questions":[{"question":...,"answer":...}],
/// "tags":[...],...}</c>). The file is <see cref="FileName"/> next to the videos.
/// </summary>
public static class SyntheticManifest
{
    public const string FileName = "manifest.jsonl";

    private static readonly JsonSerializerOptions s_json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task WriteAsync(string path, IEnumerable<SyntheticVideo> videos, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentNullException.ThrowIfNull(videos);
        var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        await using (writer.ConfigureAwait(false))
        {
            writer.NewLine = "\n";
            foreach (var video in videos)
            {
                await writer.WriteLineAsync(JsonSerializer.Serialize(video, s_json).AsMemory(), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public static async Task<IReadOnlyList<SyntheticVideo>> ReadAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var videos = new List<SyntheticVideo>();
        var number = 0;
        foreach (var line in await File.ReadAllLinesAsync(path, cancellationToken).ConfigureAwait(false))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                videos.Add(JsonSerializer.Deserialize<SyntheticVideo>(line, s_json)
                    ?? throw new JsonException("the line is null"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Line {number} of '{path}' is not a synthetic video entry: {e.Message}", e);
            }
        }

        return videos;
    }
}
