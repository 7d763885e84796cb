using System.Text.Json;
using VideoLang.Model.Checkpoints;
using VideoLang.Torch;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Embedders;

/// <summary>
/// An image-text embedder on disk, as a folder: <c>config.json</c> (an <see cref="ImageTextConfig"/>: kind
/// image_text_embedder, family, towers, preprocessing), <c>model.safetensors</c> (HuggingFace's names),
/// <c>model.sha256</c> (checksum of the weights), and the tokenizer files: <c>vocab.json</c> and
/// <c>merges.txt</c> (CLIP BPE) or <c>spiece.model</c> (SigLIP SentencePiece), plus <c>tokenizer.json</c>,
/// <c>tokenizer_config.json</c> and <c>special_tokens_map.json</c> when the source had them.
/// </summary>
public static class ImageTextCheckpoint
{
    public const string ConfigFile = Checkpoint.ConfigFile;
    public const string WeightsFile = Checkpoint.WeightsFile;
    public const string ChecksumFile = Checkpoint.ChecksumFile;

    private static readonly string[] s_tokenizerFiles =
        ["vocab.json", "merges.txt", "spiece.model", "tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"];

    /// <summary>Writes the model, its config and the given tokenizer files (copied by file name) into <paramref name="directory"/>.</summary>
    public static void Save(string directory, ImageTextModel model, IEnumerable<string> tokenizerFiles)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tokenizerFiles);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(model.Config, Checkpoint.JsonOptions));
        var weights = Path.Combine(directory, WeightsFile);
        Safetensors.Save(weights, model.StateDict(), new Dictionary<string, string>
        {
            ["format"] = "pt",
            ["kind"] = ImageTextConfig.KindName,
            ["family"] = model.Config.Family.ToString().ToLowerInvariant(),
        });
        File.WriteAllText(Path.Combine(directory, ChecksumFile), CheckpointWeights.Sha256(weights));
        foreach (var file in tokenizerFiles)
        {
            var target = Path.Combine(directory, Path.GetFileName(file));
            if (!string.Equals(Path.GetFullPath(file), Path.GetFullPath(target), StringComparison.Ordinal))
            {
                File.Copy(file, target, overwrite: true);
            }
        }
    }

    /// <summary>True when <paramref name="directory"/> holds an embedder checkpoint (rather than a ClipBERT one).</summary>
    public static bool IsImageTextCheckpoint(string directory)
    {
        var path = Path.Combine(directory, ConfigFile);
        if (!File.Exists(path))
        {
            return false;
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            return document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("kind", out var kind) && kind.ValueKind == JsonValueKind.String && kind.GetString() == ImageTextConfig.KindName;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    public static ImageTextConfig ReadConfig(string directory)
    {
        var path = Path.Combine(directory, ConfigFile);
        ImageTextConfig config;
        try
        {
            config = JsonSerializer.Deserialize<ImageTextConfig>(File.ReadAllText(path), Checkpoint.JsonOptions)
                ?? throw new CheckpointException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path} is not a valid embedder config: {e.Message}", e);
        }
        try
        {
            config.Validate();
        }
        catch (ArgumentException e)
        {
            throw new CheckpointException($"{path}: {e.Message}", e);
        }
        return config;
    }

    /// <summary>Reads and checks an embedder folder; the weights are verified against their checksum before loading.</summary>
    public static LoadedImageTextModel Load(string directory, Device? device = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new CheckpointException($"No model at {directory}: the folder does not exist. Import one (ImageTextImporter.Import).");
        }
        foreach (var file in new[] { ConfigFile, WeightsFile, ChecksumFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new CheckpointException($"The model at {directory} is incomplete: {file} is missing.");
            }
        }
        var config = ReadConfig(directory);
        string[] tokenizerFiles = config.Family == ImageTextFamily.Siglip ? ["spiece.model"] : ["vocab.json", "merges.txt"];
        if (tokenizerFiles.FirstOrDefault(f => !File.Exists(Path.Combine(directory, f))) is { } absent)
        {
            throw new CheckpointException($"The model at {directory} is incomplete: its tokenizer file {absent} is missing.");
        }
        var weights = Path.Combine(directory, WeightsFile);
        CheckpointWeights.Verify(weights, Path.Combine(directory, ChecksumFile));
        var model = CheckpointWeights.LoadInto(new ImageTextModel(config), weights, device);
        var tokenizer = s_tokenizerFiles.Select(f => Path.Combine(directory, f)).Where(File.Exists).ToList();
        return new LoadedImageTextModel(directory, model, tokenizer);
    }
}
