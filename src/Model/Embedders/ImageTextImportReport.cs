using System.Text;
using VideoLang.Model.Checkpoints;

namespace VideoLang.Model.Embedders;

/// <summary>
/// Every tensor of a published image-text model, checked by name and shape against the model its config
/// makes: <see cref="Loaded"/> (where each went), <see cref="Ignored"/> (buffers holding nothing learned),
/// <see cref="Missing"/>, <see cref="Unexpected"/> and <see cref="Mismatches"/>. An import goes ahead only
/// when the last three are empty (<see cref="IsExact"/>). <see cref="ToString"/> is the printable summary.
/// </summary>
public sealed record ImageTextImportReport(
    string SourceDirectory,
    ImageTextFormat Format,
    string ConfigPath,
    string WeightsPath,
    ImageTextConfig Config,
    IReadOnlyList<ImportedTensor> Loaded,
    IReadOnlyList<string> Missing,
    IReadOnlyList<string> Unexpected,
    IReadOnlyList<string> Ignored,
    IReadOnlyList<ShapeMismatch> Mismatches,
    IReadOnlyList<string> TokenizerFiles,
    IReadOnlyList<string> Notes)
{
    /// <summary>The checkpoint folder written; null for <see cref="ImageTextImporter.Inspect"/>.</summary>
    public string? OutputDirectory { get; init; }

    public bool IsExact => Missing.Count == 0 && Unexpected.Count == 0 && Mismatches.Count == 0;

    public override string ToString()
    {
        var (v, t) = (Config.Vision, Config.Text);
        var text = new StringBuilder()
            .AppendLine($"{Format} {SourceDirectory} ({ConfigPath}, {WeightsPath})" + (OutputDirectory is null ? "" : $" -> {OutputDirectory}"))
            .AppendLine($"{Config.Family}: image {v.NumHiddenLayers} layers x {v.HiddenSize} ({v.NumAttentionHeads} heads, {v.ImageSize} px, patch {v.PatchSize}, {v.HiddenAct}), " +
                $"text {t.NumHiddenLayers} layers x {t.HiddenSize} ({t.NumAttentionHeads} heads, context {t.MaxPositionEmbeddings}, vocabulary {t.VocabSize}, pooled {t.Pooling}), " +
                $"embedding {Config.EmbeddingSize}")
            .AppendLine($"{Loaded.Count} model tensors loaded from {Loaded.Select(l => l.Source).Distinct().Count()} published tensors");
        Append(text, "ignored (not learned)", Ignored);
        Append(text, "missing", Missing);
        Append(text, "unexpected", Unexpected);
        Append(text, "shape mismatches", Mismatches.Select(m => m.ToString()).ToList());
        Append(text, "tokenizer", TokenizerFiles.Select(Path.GetFileName).OfType<string>().ToList());
        foreach (var note in Notes)
        {
            text.AppendLine($"note: {note}");
        }
        return text.ToString().TrimEnd();
    }

    private static void Append(StringBuilder text, string title, IReadOnlyList<string> names)
    {
        if (names.Count > 0)
        {
            text.AppendLine($"{title}, {names.Count}: {string.Join(", ", names)}");
        }
    }
}
