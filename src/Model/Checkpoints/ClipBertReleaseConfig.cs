using VideoLang.Model.Configuration;
using VideoLang.Model.Text;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// The <see cref="ClipBertConfig"/> that runs a ClipBERT release as ClipBERT does: the backbone and
/// BERT read off the file's shapes, and the settings ClipBERT's code fixes (MSRA ResNet with the stride
/// in the 1×1 conv and frozen batch norm, res5 undilated, 2×2 grid max-pool, frames mean-pooled, no
/// temporal shift). The rest (name, image size, frames per clip, embedding size) comes from the base config.
/// </summary>
internal static class ClipBertReleaseConfig
{
    private const string RowEmbeddings = "transformer.bert.visual_embeddings.row_position_embeddings.weight";
    private const string ColumnEmbeddings = "transformer.bert.visual_embeddings.col_position_embeddings.weight";

    public static (ClipBertConfig Config, IReadOnlyList<string> Notes) From(ClipBertReleaseFile file, ClipBertConfig baseConfig)
    {
        var backbone = file.Tensors
            .Select(kv => (Name: BackboneName(file.Layout, kv.Key), kv.Value))
            .Where(t => t.Name is not null)
            .ToDictionary(t => t.Name!, t => t.Value, StringComparer.Ordinal);
        var (depth, width) = ResNetLayout.Infer(file.Path, backbone);
        var config = baseConfig with
        {
            Backbone = depth,
            BackboneWidth = width,
            FrozenBatchNorm = true,
            StrideInOneByOne = true,
            AnswerCount = 0,
            TagCount = 0,
        };
        if (file.Layout == ClipBertReleaseLayout.GridFeatures)
        {
            return (config, [$"{file.Path} is detectron2's backbone only: BERT, the grid encoder, the visual embeddings and the heads are initialised fresh."]);
        }
        var bert = Bert(file);
        config = config with
        {
            Bert = bert,
            MaxGridSize = GridPositions(file, bert),
            GridPool = 2,
            TemporalFusion = TemporalFusion.Mean,
            TemporalShift = false,
            GridTemporalShift = false,
        };
        var note = $"{file.Path}: BERT's shape read off the tensors; num_attention_heads assumed to be hidden_size / {BertShapeInference.AssumedHeadSize} = " +
            $"{bert.NumAttentionHeads} and layer_norm_eps {bert.LayerNormEps}, as ClipBERT's base_model.json (BERT-base: 12 heads of 64).";
        return (config, [note]);
    }

    private static string? BackboneName(ClipBertReleaseLayout layout, string name)
    {
        var prefix = layout == ClipBertReleaseLayout.EndToEnd ? "cnn.feature.backbone." : "backbone.";
        return name.StartsWith(prefix, StringComparison.Ordinal) ? ClipBertReleaseNames.TorchvisionName(name[prefix.Length..]) : null;
    }

    private static BertConfig Bert(ClipBertReleaseFile file)
    {
        var bert = file.Tensors
            .Select(kv => (Name: ClipBertReleaseNames.BertName(kv.Key), kv.Value))
            .Where(t => t.Name is not null)
            .ToDictionary(t => t.Name!, t => t.Value, StringComparer.Ordinal);
        foreach (var required in new[] { "embeddings.word_embeddings.weight", "embeddings.position_embeddings.weight", "embeddings.token_type_embeddings.weight", "encoder.layer.0.intermediate.dense.weight" })
        {
            if (!bert.ContainsKey(required))
            {
                throw new WeightImportException(
                    $"{file.Path} has ClipBERT's CNN but no '{file.Prefix}transformer.bert.{required}': the file is incomplete, or not clipbert_image_text_pretrained.pt.");
            }
        }
        return BertShapeInference.Infer(file.Path, bert).Config;
    }

    /// <summary>Rows and columns the visual position embeddings address (100 in the release).</summary>
    private static long GridPositions(ClipBertReleaseFile file, BertConfig bert)
    {
        if (!file.Tensors.TryGetValue(RowEmbeddings, out var rows) || !file.Tensors.TryGetValue(ColumnEmbeddings, out var columns))
        {
            throw new WeightImportException($"{file.Path} has no '{file.Prefix}{RowEmbeddings}' or '{file.Prefix}{ColumnEmbeddings}': it is incomplete.");
        }
        if (rows.Shape.Length != 2 || columns.Shape.Length != 2 || rows.Shape[0] != columns.Shape[0] || rows.Shape[1] != bert.HiddenSize || columns.Shape[1] != bert.HiddenSize)
        {
            throw new WeightImportException(
                $"{file.Path}: '{rows.Name}' [{string.Join(", ", rows.Shape)}] and '{columns.Name}' [{string.Join(", ", columns.Shape)}] " +
                $"must both be [positions, {bert.HiddenSize}] (BERT's width) with as many rows as columns.");
        }
        return rows.Shape[0];
    }
}
