using System.Text.Json;
using System.Text.Json.Serialization;
using VideoLang.Model.Configuration;
using VideoLang.Torch;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// A trained model on disk, as a folder: <c>config.json</c>, <c>model.safetensors</c>,
/// <c>model.sha256</c> (checksum of the weights), <c>vocab.txt</c> (WordPiece), and
/// <c>answers.txt</c> / <c>tags.txt</c> when the model has those heads.
/// </summary>
public static class Checkpoint
{
    public const string ConfigFile = "config.json";
    public const string WeightsFile = "model.safetensors";
    public const string ChecksumFile = "model.sha256";
    public const string VocabularyFile = "vocab.txt";
    public const string AnswersFile = "answers.txt";
    public const string TagsFile = "tags.txt";

    internal static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower) },
    };

    /// <summary>Writes the model, its config and vocabularies into <paramref name="directory"/> (created if needed).</summary>
    public static void Save(string directory, ClipBertModel model, string vocabularyPath, LabelVocabulary? answers = null, LabelVocabulary? tags = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, ConfigFile), JsonSerializer.Serialize(model.Config, JsonOptions));
        var weights = Path.Combine(directory, WeightsFile);
        Safetensors.Save(weights, model.StateDict(), new Dictionary<string, string> { ["format"] = "pt", ["model"] = model.Config.Name });
        File.WriteAllText(Path.Combine(directory, ChecksumFile), CheckpointWeights.Sha256(weights));
        var vocabularyTarget = Path.Combine(directory, VocabularyFile);
        if (!string.Equals(Path.GetFullPath(vocabularyPath), Path.GetFullPath(vocabularyTarget), StringComparison.Ordinal))
        {
            File.Copy(vocabularyPath, vocabularyTarget, overwrite: true);
        }
        answers?.Save(Path.Combine(directory, AnswersFile));
        tags?.Save(Path.Combine(directory, TagsFile));
    }

    /// <summary>Reads and checks a checkpoint folder; the weights are verified against their checksum before loading.</summary>
    public static LoadedCheckpoint Load(string directory, Device? device = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new CheckpointException($"No model at {directory}: the folder does not exist. Train one (vlang train) or import weights (vlang import-weights).");
        }
        foreach (var file in new[] { ConfigFile, WeightsFile, ChecksumFile, VocabularyFile })
        {
            if (!File.Exists(Path.Combine(directory, file)))
            {
                throw new CheckpointException($"The model at {directory} is incomplete: {file} is missing.");
            }
        }
        var config = ReadConfig(directory);
        var weights = Path.Combine(directory, WeightsFile);
        CheckpointWeights.Verify(weights, Path.Combine(directory, ChecksumFile));
        var answers = OptionalVocabulary(directory, AnswersFile);
        var tags = OptionalVocabulary(directory, TagsFile);
        if ((answers?.Count ?? 0) != config.AnswerCount || (tags?.Count ?? 0) != config.TagCount)
        {
            throw new CheckpointException($"The model at {directory} declares {config.AnswerCount} answers and {config.TagCount} tags but its vocabularies hold {answers?.Count ?? 0} and {tags?.Count ?? 0}.");
        }
        var model = CheckpointWeights.LoadInto(new ClipBertModel(config), weights, device);
        return new LoadedCheckpoint(directory, model, Path.Combine(directory, VocabularyFile), answers, tags);
    }

    public static ClipBertConfig ReadConfig(string directory)
    {
        var path = Path.Combine(directory, ConfigFile);
        try
        {
            return JsonSerializer.Deserialize<ClipBertConfig>(File.ReadAllText(path), JsonOptions)
                ?? throw new CheckpointException($"{path} is empty.");
        }
        catch (JsonException e)
        {
            throw new CheckpointException($"{path} is not a valid model config: {e.Message}", e);
        }
    }

    private static LabelVocabulary? OptionalVocabulary(string directory, string file)
    {
        var path = Path.Combine(directory, file);
        return File.Exists(path) ? LabelVocabulary.Load(path) : null;
    }

}
