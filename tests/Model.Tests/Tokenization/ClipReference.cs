using System.Diagnostics;
using System.Text.Json;

namespace VideoLang.Model.Tests.Tokenization;

/// <summary>
/// Runs Clip/clip_reference.mjs (transformers.js's CLIPTokenizer under Node, installed by
/// ops/setup.sh with npm ci) once on hard_strings.json with the checked-in tiny vocabulary.
/// </summary>
public sealed class ClipReference : IDisposable
{
    private readonly string _work = Directory.CreateTempSubdirectory("vl-clip-reference-").FullName;

    public ClipReference()
    {
        var folder = Path.Combine(RepositoryPaths.Root, "tests", "Model.Tests", "Tokenization", "Clip");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@huggingface", "transformers")))
        {
            throw new InvalidOperationException($"transformers.js is not installed in {folder}; run bash ops/setup.sh (npm ci there).");
        }

        Strings = JsonSerializer.Deserialize<string[]>(File.ReadAllText(RepositoryPaths.HardStrings))!;
        var start = new ProcessStartInfo("node") { RedirectStandardError = true, RedirectStandardOutput = true, WorkingDirectory = folder };
        foreach (var argument in new[] { "clip_reference.mjs", VocabularyPath, MergesPath, RepositoryPaths.HardStrings, _work })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var lines = process.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        process.WaitForExit();
        if (process.ExitCode != 0 || lines.Length != Strings.Length)
        {
            throw new InvalidOperationException($"clip_reference.mjs failed ({process.ExitCode}, {lines.Length} lines for {Strings.Length} strings): {errors.Result}");
        }

        Cases = [.. lines.Select(line =>
        {
            var root = JsonDocument.Parse(line).RootElement;
            var padded = root.GetProperty("padded");
            return new ClipCase(Ids(root.GetProperty("ids")), Ids(padded.GetProperty("input_ids")), Ids(padded.GetProperty("attention_mask")));
        })];
    }

    public static string VocabularyPath => Path.Combine(RepositoryPaths.Root, "tests", "Model.Tests", "Tokenization", "Clip", "vocab.json");

    public static string MergesPath => Path.Combine(RepositoryPaths.Root, "tests", "Model.Tests", "Tokenization", "Clip", "merges.txt");

    public string[] Strings { get; }

    public ClipCase[] Cases { get; }

    public void Dispose() => Directory.Delete(_work, recursive: true);

    private static int[] Ids(JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetInt32())];

    /// <summary>transformers.js's ids with no cut or padding, and its padding: 'max_length' (77) with truncation.</summary>
    public sealed record ClipCase(int[] Ids, int[] PaddedIds, int[] PaddedMask);
}
