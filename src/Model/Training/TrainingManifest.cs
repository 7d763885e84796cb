using System.Text.Json;

namespace VideoLang.Model.Training;

/// <summary>
/// Reads a JSONL training manifest, one video per line: <c>file</c> (or <c>video</c>, relative to the
/// manifest), <c>caption</c> or <c>captions</c>, <c>questions</c> (<c>question</c>, <c>answer</c>,
/// optional <c>options</c>) and <c>tags</c>; optionally <c>reversed</c>, an object with the captions, questions
/// and tags of the video played backwards (<see cref="TrainingExample.Reversed"/>). The synthetic generator's
/// manifest.jsonl is one.
/// </summary>
public static class TrainingManifest
{
    public static IReadOnlyList<TrainingExample> Read(string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
        var examples = new List<TrainingExample>();
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            try
            {
                using var document = JsonDocument.Parse(line);
                examples.Add(Parse(document.RootElement, directory));
            }
            catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new FormatException($"{path}:{lineNumber}: {e.Message}", e);
            }
        }
        return examples;
    }

    private static TrainingExample Parse(JsonElement line, string directory)
    {
        var file = (line.TryGetProperty("file", out var f) ? f : line.GetProperty("video")).GetString()
            ?? throw new FormatException("'file' must be a string");
        var path = Path.Combine(directory, file);
        return Describe(line, path) with
        {
            Reversed = line.TryGetProperty("reversed", out var reversed) && reversed.ValueKind != JsonValueKind.Null ? Describe(reversed, path) : null,
        };
    }

    /// <summary>The captions, questions and tags of <paramref name="line"/> (a manifest line or its <c>reversed</c> object).</summary>
    private static TrainingExample Describe(JsonElement line, string path)
    {
        var captions = new List<string>();
        if (line.TryGetProperty("caption", out var caption))
        {
            captions.Add(caption.GetString()!);
        }
        if (line.TryGetProperty("captions", out var many))
        {
            captions.AddRange(many.EnumerateArray().Select(c => c.GetString()!));
        }
        var questions = line.TryGetProperty("questions", out var qs)
            ? qs.EnumerateArray().Select(q => new QaItem(
                q.GetProperty("question").GetString()!,
                q.GetProperty("answer").GetString()!,
                q.TryGetProperty("options", out var o) ? o.EnumerateArray().Select(x => x.GetString()!).ToArray() : null)).ToArray()
            : [];
        var tags = line.TryGetProperty("tags", out var t) ? t.EnumerateArray().Select(x => x.GetString()!).ToArray() : [];
        return new TrainingExample(path, captions, questions, tags);
    }
}
