using System.Text.Json;

namespace VideoLang.Model.Embedders;

/// <summary>
/// A published model folder, recognised by its files: <c>open_clip_config.json</c> (open_clip) or
/// <c>config.json</c> with model_type clip / siglip (HuggingFace). Finds the config, the weights file
/// (safetensors preferred over the PyTorch pickle) and the tokenizer files, and reads the config.
/// </summary>
internal sealed record ImageTextSource(
    string Directory, ImageTextFormat Format, string ConfigPath, string WeightsPath, ImageTextConfig Config, IReadOnlyList<string> TokenizerFiles)
{
    public const string OpenClipConfigFile = "open_clip_config.json";
    public const string HuggingFaceConfigFile = "config.json";
    public const string PreprocessorConfigFile = "preprocessor_config.json";

    private static readonly string[] s_openClipWeights = ["open_clip_model.safetensors", "open_clip_pytorch_model.bin"];
    private static readonly string[] s_huggingFaceWeights = ["model.safetensors", "pytorch_model.bin"];
    private static readonly string[] s_bpeFiles = ["vocab.json", "merges.txt"];
    private static readonly string[] s_sentencePieceFiles = ["spiece.model"];

    /// <summary>Tokenizer files copied along when present: the fast tokenizer and its settings.</summary>
    private static readonly string[] s_optionalTokenizerFiles = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json"];

    public static ImageTextSource Open(string directory)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The model folder {directory} does not exist.");
        }
        var name = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory)));
        var openClip = Path.Combine(directory, OpenClipConfigFile);
        var huggingFace = Path.Combine(directory, HuggingFaceConfigFile);
        ImageTextFormat format;
        ImageTextConfig config;
        string configPath;
        if (File.Exists(openClip))
        {
            (format, configPath) = (ImageTextFormat.OpenClip, openClip);
            config = OpenClipConfigReader.Read(openClip, name);
        }
        else if (File.Exists(huggingFace))
        {
            configPath = huggingFace;
            var preprocessor = Path.Combine(directory, PreprocessorConfigFile);
            config = HuggingFaceImageTextConfig.Read(huggingFace, File.Exists(preprocessor) ? preprocessor : null, name);
            format = config.SourceFormat;
        }
        else
        {
            throw new ImageTextImportException(
                $"{directory} is not a model folder VideoLang recognises: it has neither {HuggingFaceConfigFile} (a HuggingFace CLIPModel or SiglipModel) " +
                $"nor {OpenClipConfigFile} (open_clip). Copy the whole model folder, config included.");
        }
        var weights = Weights(directory, format == ImageTextFormat.OpenClip ? s_openClipWeights : s_huggingFaceWeights);
        return new ImageTextSource(directory, format, configPath, weights, config, Tokenizer(directory, config));
    }

    private static string Weights(string directory, string[] candidates)
    {
        foreach (var candidate in candidates)
        {
            var path = Path.Combine(directory, candidate);
            if (File.Exists(path))
            {
                return path;
            }
        }
        var sharded = System.IO.Directory.EnumerateFiles(directory, "*.index.json").Select(Path.GetFileName).FirstOrDefault();
        if (sharded is not null)
        {
            // REVIEW: sharded checkpoints (weight_map over several files) are not read yet; CLIP and SigLIP
            // models up to ViT-L and so400m ship as one file.
            throw new ImageTextImportException($"{directory} holds weights split into shards ({sharded}); VideoLang imports one weights file ({string.Join(" or ", candidates)}).");
        }
        throw new ImageTextImportException($"{directory} has no weights file: expected {string.Join(" or ", candidates)}.");
    }

    private static IReadOnlyList<string> Tokenizer(string directory, ImageTextConfig config)
    {
        var required = config.Family == ImageTextFamily.Siglip ? s_sentencePieceFiles : s_bpeFiles;
        var absent = required.Where(f => !File.Exists(Path.Combine(directory, f))).ToList();
        if (absent.Count > 0)
        {
            var where = config.SourceFormat == ImageTextFormat.OpenClip
                ? " open_clip keeps CLIP's tokenizer inside its package; openai/clip-vit-base-patch32's vocab.json and merges.txt are the same tokenizer."
                : " Copy them from the model's repository with the weights.";
            throw new ImageTextImportException(
                $"{directory} lacks the tokenizer file(s) {string.Join(" and ", absent)}, without which texts cannot be embedded.{where}");
        }
        if (config.Family == ImageTextFamily.Clip)
        {
            CheckVocabulary(Path.Combine(directory, "vocab.json"), config.Text.VocabSize);
        }
        return required.Concat(s_optionalTokenizerFiles.Where(f => File.Exists(Path.Combine(directory, f))))
            .Select(f => Path.Combine(directory, f)).ToList();
    }

    /// <summary>A token id past the embedding table would fail only on the first text that uses it; catch the pairing here.</summary>
    private static void CheckVocabulary(string path, long vocabSize)
    {
        int count;
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            count = document.RootElement.ValueKind == JsonValueKind.Object
                ? document.RootElement.EnumerateObject().Count()
                : throw new ImageTextImportException($"{path} must be a JSON object of token to id.");
        }
        catch (JsonException e)
        {
            throw new ImageTextImportException($"{path} is not valid JSON: {e.Message}", e);
        }
        if (count > vocabSize)
        {
            throw new ImageTextImportException(
                $"{path} holds {count} tokens but the text tower's token embedding has {vocabSize} rows: the tokenizer does not belong to these weights.");
        }
    }
}
