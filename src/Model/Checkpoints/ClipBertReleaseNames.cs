using System.Globalization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// The name mapping from ClipBERT's released files to our model, written down in
/// docs/clipbert-release-mapping.md. Names here are relative to the file's wrapper prefix (none in the
/// release; <c>model.</c> when a reader flattens detectron2's <c>{"model": ...}</c>; <c>module.</c> after DDP).
/// </summary>
internal static class ClipBertReleaseNames
{
    public const string EndToEndStem = "cnn.feature.backbone.stem.conv1.weight";
    public const string GridFeaturesStem = "backbone.stem.conv1.weight";

    /// <summary>ClipBERT's ITM head (BERT's next-sentence head reused): Linear(hidden, 2) on the pooled [CLS].</summary>
    public const string ItmWeight = "transformer.cls.seq_relationship.weight";
    public const string ItmBias = "transformer.cls.seq_relationship.bias";

    public const string OurStem = "cnn.backbone.conv1.weight";
    public const string OurGridWeight = "cnn.grid_encoder.conv.weight";
    public const string OurGridBias = "cnn.grid_encoder.conv.bias";

    private const string Proposals =
        "detectron2's region proposal network; ClipBERT takes the backbone's res5 grid and never runs it";
    private const string BoxHeads =
        "detectron2's box and attribute heads (Visual Genome detection); ClipBERT's grid path (get_conv5_features) skips them";
    private const string PixelStatistics =
        "GeneralizedRCNN's own input normalisation, which ClipBERT bypasses (its data loader normalises; folded into conv1 here)";
    private const string VisualPositions =
        "created by ClipBERT's VisualInputEmbedding but never used in its forward pass (visual tokens get row, column and token-type embeddings only)";
    private const string MaskedLanguageHead =
        "the masked-language-model head of pre-training; VideoLang's trainer builds its own, tied to the word embeddings, when it trains with MLM";
    private const string PositionIds = "a constant buffer (0, 1, 2, ...) that newer transformers versions save";

    /// <summary>Why a known source tensor is left out, or null when it is not one of those.</summary>
    public static string? IgnoredBecause(ClipBertReleaseLayout layout, string name)
    {
        var detector = layout == ClipBertReleaseLayout.EndToEnd ? "cnn.feature." : "";
        if (name.StartsWith(detector + "proposal_generator.", StringComparison.Ordinal))
        {
            return Proposals;
        }
        if (name.StartsWith(detector + "roi_heads.", StringComparison.Ordinal))
        {
            return BoxHeads;
        }
        if (name == detector + "pixel_mean" || name == detector + "pixel_std")
        {
            return PixelStatistics;
        }
        if (layout != ClipBertReleaseLayout.EndToEnd)
        {
            return null;
        }
        return name switch
        {
            "transformer.bert.visual_embeddings.position_embeddings.weight" => VisualPositions,
            "transformer.bert.embeddings.position_ids" => PositionIds,
            _ when name.StartsWith("transformer.cls.predictions.", StringComparison.Ordinal) => MaskedLanguageHead,
            _ => null,
        };
    }

    /// <summary>Our model's name for a source tensor that is copied (the stem after folding), or null.</summary>
    public static string? Target(ClipBertReleaseLayout layout, string name)
    {
        if (layout == ClipBertReleaseLayout.GridFeatures)
        {
            return name.StartsWith("backbone.", StringComparison.Ordinal) && TorchvisionName(name["backbone.".Length..]) is { } grid
                ? "cnn.backbone." + grid
                : null;
        }
        if (name.StartsWith("cnn.feature.backbone.", StringComparison.Ordinal))
        {
            return TorchvisionName(name["cnn.feature.backbone.".Length..]) is { } backbone ? "cnn.backbone." + backbone : null;
        }
        if (name == "cnn.grid_encoder.0.weight")
        {
            return OurGridWeight;
        }
        const string visual = "transformer.bert.visual_embeddings.";
        if (name.StartsWith(visual, StringComparison.Ordinal))
        {
            var rest = name[visual.Length..];
            return rest is "row_position_embeddings.weight" or "col_position_embeddings.weight" or "token_type_embeddings.weight"
                or "LayerNorm.weight" or "LayerNorm.bias"
                ? "visual_embeddings." + rest
                : null;
        }
        return BertName(name) is { } bert ? "bert." + bert : null;
    }

    /// <summary>A <c>transformer.bert.*</c> name inside BERT (HuggingFace's names, as ours), or null.</summary>
    public static string? BertName(string name)
    {
        const string prefix = "transformer.bert.";
        if (!name.StartsWith(prefix, StringComparison.Ordinal))
        {
            return null;
        }
        var rest = name[prefix.Length..];
        return rest.StartsWith("embeddings.", StringComparison.Ordinal) || rest.StartsWith("encoder.", StringComparison.Ordinal)
            || rest.StartsWith("pooler.", StringComparison.Ordinal)
            ? rest
            : null;
    }

    /// <summary>
    /// detectron2's ResNet names to torchvision's (ours): <c>stem.conv1</c> → <c>conv1</c>, its
    /// <c>norm</c> → <c>bn1</c>; <c>resS.B.convK</c> → <c>layer(S-1).B.convK</c>, its <c>norm</c> →
    /// <c>bnK</c>; <c>shortcut</c> → <c>downsample.0</c>, its <c>norm</c> → <c>downsample.1</c>. Null for
    /// anything else.
    /// </summary>
    public static string? TorchvisionName(string detectron2)
    {
        var parts = detectron2.Split('.');
        if (parts is ["stem", "conv1", "weight"])
        {
            return "conv1.weight";
        }
        if (parts is ["stem", "conv1", "norm", var stemStatistic] && IsNormTensor(stemStatistic))
        {
            return "bn1." + stemStatistic;
        }
        if (parts.Length < 4 || Stage(parts[0]) is not { } stage
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var block))
        {
            return null;
        }
        var layer = $"layer{stage}.{block}.";
        return parts[2..] switch
        {
            ["shortcut", "weight"] => layer + "downsample.0.weight",
            ["shortcut", "norm", var s] when IsNormTensor(s) => layer + "downsample.1." + s,
            [var conv, "weight"] when Conv(conv) is { } k => $"{layer}conv{k}.weight",
            [var conv, "norm", var s] when Conv(conv) is { } k && IsNormTensor(s) => $"{layer}bn{k}.{s}",
            _ => null,
        };
    }

    /// <summary>The torchvision stage (1-4) of detectron2's <c>res2</c>..<c>res5</c>.</summary>
    private static int? Stage(string part) => part is ['r', 'e', 's', >= '2' and <= '5'] ? part[3] - '1' : null;

    private static char? Conv(string part) => part is ['c', 'o', 'n', 'v', >= '1' and <= '3'] ? part[4] : null;

    // FrozenBatchNorm2d keeps no num_batches_tracked, a trainable BN (NORM "BN") does.
    private static bool IsNormTensor(string name) => name is "weight" or "bias" or "running_mean" or "running_var" or "num_batches_tracked";
}
