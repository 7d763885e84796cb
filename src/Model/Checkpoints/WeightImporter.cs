using VideoLang.Model.Configuration;
using VideoLang.Model.Text;
using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// Builds a checkpoint from published weights: a HuggingFace BERT (with its vocab.txt and,
/// optionally, config.json) and a torchvision/timm ResNet-18/34/50. The model's shape follows the
/// files (BERT from config.json or the tensor shapes, ResNet depth and width from the names); the
/// parts the files do not cover (grid encoder, visual embeddings, heads, projections) keep their
/// fresh initialisation. Files are safetensors or PyTorch .bin/.pt/.pth (read without executing their
/// pickle). Every tensor is checked by name and shape before any is copied, and copied one at a time
/// out of the memory-mapped files.
/// </summary>
public static class WeightImporter
{
    /// <summary>
    /// Writes a checkpoint folder (see <see cref="Checkpoint"/>) into <paramref name="outputDirectory"/>,
    /// which must be new or empty, and reports what came from where.
    /// </summary>
    /// <exception cref="WeightImportException">A file is not safetensors or a readable torch.save file, its layout is not recognised, or shapes do not fit (nothing is written).</exception>
    public static ImportReport Import(WeightImportOptions options, string outputDirectory)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        CheckOptions(options);
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
        {
            throw new ArgumentException(
                $"{outputDirectory} already holds files; import into a new or empty folder so that no model is overwritten.", nameof(outputDirectory));
        }

        using var bert = options.BertWeightsPath is { } bertPath ? WeightSource.Open(bertPath, WeightSourceKind.Bert) : null;
        using var resnet = options.ResNetWeightsPath is { } resnetPath ? WeightSource.Open(resnetPath, WeightSourceKind.ResNet) : null;
        var notes = new List<string>();
        var config = options.BaseConfig with { Bert = BertConfigOf(bert, options, notes) };
        if (resnet is not null)
        {
            var (depth, width) = ResNetLayout.Infer(resnet.Path, resnet.Tensors);
            config = config with { Backbone = depth, BackboneWidth = width };
        }
        CheckVocabulary(options.VocabularyPath, config.Bert);

        using var model = new ClipBertModel(config);
        var state = model.StateDict();
        var sources = new[] { bert, resnet }.OfType<WeightSource>().ToList();
        var plans = sources.Select(s => s.Plan(state)).ToList();
        CheckPlans(plans, options.BertConfigPath);
        for (var i = 0; i < sources.Count; i++)
        {
            sources[i].CopyInto(plans[i].Report, state);
            notes.AddRange(plans[i].Notes);
        }
        Checkpoint.Save(outputDirectory, model, options.VocabularyPath);

        var imported = plans.SelectMany(p => p.Report.Loaded).Select(m => m.Target).ToHashSet(StringComparer.Ordinal);
        var fresh = state.Keys.Where(k => !imported.Contains(k)).ToList();
        return new ImportReport(outputDirectory, config, plans.Select(p => p.Report).ToList(), fresh, notes);
    }

    private static void CheckOptions(WeightImportOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(options.VocabularyPath, nameof(options));
        ArgumentNullException.ThrowIfNull(options.BaseConfig, nameof(options));
        if (options.BertWeightsPath is null && options.ResNetWeightsPath is null)
        {
            throw new ArgumentException("Nothing to import: set BertWeightsPath, ResNetWeightsPath or both.", nameof(options));
        }
        if (options.BertConfigPath is not null && options.BertWeightsPath is null)
        {
            throw new ArgumentException("BertConfigPath describes BERT weights, but BertWeightsPath is not set; give both or neither.", nameof(options));
        }
        if (options.BaseConfig.AnswerCount != 0 || options.BaseConfig.TagCount != 0)
        {
            throw new ArgumentException(
                $"The base config has {options.BaseConfig.AnswerCount} answers and {options.BaseConfig.TagCount} tags; " +
                "imported checkpoints have no QA or tag head (training adds them with their vocabularies), so set both to 0.", nameof(options));
        }
    }

    /// <summary>Refuses, before anything is copied or written, shapes that do not fit and files of which nothing fits.</summary>
    private static void CheckPlans(IReadOnlyList<SourcePlan> plans, string? bertConfigPath)
    {
        var mismatches = plans.SelectMany(p => p.Mismatches).ToList();
        if (mismatches.Count > 0)
        {
            throw new WeightImportException(
                $"{mismatches.Count} tensors do not fit the model built from {(bertConfigPath is null ? "" : bertConfigPath + " and ")}the files' shapes; " +
                "nothing was written. Check that the files and config.json belong together. " +
                string.Join(" ", plans.Where(p => p.Mismatches.Count > 0).Select(p => $"{p.Report.Path}: {string.Join("; ", p.Mismatches)}.")),
                mismatches);
        }
        if (plans.FirstOrDefault(p => p.Report.Loaded.Count == 0) is { Report: var empty })
        {
            var example = empty.Kind == WeightSourceKind.Bert ? "embeddings.word_embeddings.weight" : "layer1.0.conv1.weight";
            throw new WeightImportException(
                $"None of the {empty.Unexpected.Count + empty.Ignored.Count} tensors of {empty.Path} is a {empty.Kind} tensor; " +
                $"is it the right file? A {empty.Kind} file has names such as '{example}'.");
        }
    }

    private static BertConfig BertConfigOf(WeightSource? bert, WeightImportOptions options, List<string> notes)
    {
        if (bert is null)
        {
            return options.BaseConfig.Bert;
        }
        if (options.BertConfigPath is { } configPath)
        {
            return HuggingFaceBertConfig.Read(configPath);
        }
        var (config, note) = BertShapeInference.Infer(bert.Path, bert.Tensors);
        notes.Add(note);
        return config;
    }

    /// <summary>A token id past the embedding table fails only at inference, on the first text that uses it; catch the pairing here.</summary>
    private static void CheckVocabulary(string path, BertConfig bert)
    {
        var tokens = WordPieceVocabulary.Load(path).Count;
        if (tokens > bert.VocabSize)
        {
            throw new WeightImportException(
                $"{path} has {tokens} tokens but BERT's word embeddings have {bert.VocabSize} rows: the vocabulary does not belong to these weights.");
        }
    }
}
