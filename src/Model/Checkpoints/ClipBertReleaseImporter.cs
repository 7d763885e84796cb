using VideoLang.Model.Configuration;
using VideoLang.Model.Tokenization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// Turns ClipBERT's released weights (github jayleicn/ClipBERT) into a VideoLang checkpoint:
/// <c>clipbert_image_text_pretrained.pt</c> (the whole pre-trained model) or <c>grid_feat_R-50.pth</c>
/// (its detectron2 ResNet-50 alone), as PyTorch files or safetensors copies, recognised by their
/// names. The model is built to compute what ClipBERT computes (stride in the 1×1 conv, frozen batch
/// norm, ClipBERT's pixel format folded into the stem, its linear ITM head as our MLP head); the
/// mapping and every difference are written down in docs/clipbert-release-mapping.md. Names and shapes
/// are checked before anything is read or written.
/// </summary>
public static class ClipBertReleaseImporter
{
    /// <summary>
    /// Writes a checkpoint folder (see <see cref="Checkpoint"/>) into <paramref name="outputDirectory"/>,
    /// which must be new or empty, and reports every tensor.
    /// </summary>
    /// <param name="weightsPath">The release file, or a safetensors copy of its state dict.</param>
    /// <param name="vocabularyPath">BERT's WordPiece vocab.txt (ClipBERT uses bert-base-uncased's); copied into the checkpoint.</param>
    /// <param name="outputDirectory">The checkpoint folder to write.</param>
    /// <param name="baseConfig">
    /// What the file does not decide: name, image size, frames per clip and second, embedding size,
    /// and for <see cref="ClipBertReleaseLayout.GridFeatures"/> also BERT and the visual settings.
    /// Default <see cref="ClipBertConfig.ClipBertBase"/> (ClipBERT's 448 px, 2 frames at 2 fps).
    /// </param>
    /// <exception cref="WeightImportException">The file cannot be read, is not a ClipBERT release, or shapes do not fit; nothing is written.</exception>
    public static ClipBertReleaseReport Import(string weightsPath, string vocabularyPath, string outputDirectory, ClipBertConfig? baseConfig = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(weightsPath);
        ArgumentException.ThrowIfNullOrEmpty(vocabularyPath);
        ArgumentException.ThrowIfNullOrEmpty(outputDirectory);
        if (!File.Exists(vocabularyPath))
        {
            throw new FileNotFoundException($"The vocabulary {vocabularyPath} does not exist; pass bert-base-uncased's vocab.txt, which ClipBERT's tokenizer uses.", vocabularyPath);
        }
        if (Directory.Exists(outputDirectory) && Directory.EnumerateFileSystemEntries(outputDirectory).Any())
        {
            throw new ArgumentException(
                $"{outputDirectory} already holds files; import into a new or empty folder so that no model is overwritten.", nameof(outputDirectory));
        }

        using var file = ClipBertReleaseFile.Open(weightsPath);
        var (config, notes) = ClipBertReleaseConfig.From(file, baseConfig ?? ClipBertConfig.ClipBertBase);
        CheckVocabulary(vocabularyPath, config);

        using var model = new ClipBertModel(config);
        var state = model.StateDict();
        var plan = ClipBertReleasePlan.Build(file, state);
        if (plan.Mismatches.Count > 0)
        {
            throw new WeightImportException(
                $"{plan.Mismatches.Count} tensors of {file.Path} do not fit the model its own shapes describe; nothing was written. " +
                $"Is the file damaged or edited? {string.Join("; ", plan.Mismatches)}.",
                plan.Mismatches);
        }
        plan.Apply(file, state);
        Checkpoint.Save(outputDirectory, model, vocabularyPath);
        return new ClipBertReleaseReport(file.Path, file.Layout, outputDirectory, config, plan.Loaded, plan.Derived, plan.Ignored, plan.Unexpected,
            plan.Missing, plan.Fresh, [.. notes, .. plan.Notes]);
    }

    /// <summary>A token id past the embedding table fails only at inference, on the first text that uses it; catch the pairing here.</summary>
    private static void CheckVocabulary(string path, ClipBertConfig config)
    {
        var tokens = WordPieceVocabulary.Load(path).Count;
        if (tokens > config.Bert.VocabSize)
        {
            throw new WeightImportException(
                $"{path} has {tokens} tokens but BERT's word embeddings have {config.Bert.VocabSize} rows: the vocabulary does not belong to these weights.");
        }
    }
}
