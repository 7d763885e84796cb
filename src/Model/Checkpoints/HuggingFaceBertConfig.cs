using System.Text.Json;
using VideoLang.Model.Text;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// Reads HuggingFace's BERT <c>config.json</c> into a <see cref="BertConfig"/>. Absent fields take
/// HF's defaults, which are bert-base's and ours. Settings our BERT does not implement (another
/// activation, relative positions) are refused: the weights would load and silently compute
/// something else.
/// </summary>
internal static class HuggingFaceBertConfig
{
    private static readonly string[] s_exactGelu = ["gelu", "gelu_python"];

    public static BertConfig Read(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The BERT config {path} does not exist; pass HuggingFace's config.json, or leave it out to infer the shape from the weights.", path);
        }
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(path));
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new WeightImportException($"{path} is not a HuggingFace config: it must be a JSON object.");
            }
            var defaults = new BertConfig();
            Require(path, root, "hidden_act", s_exactGelu);
            Require(path, root, "position_embedding_type", ["absolute"]);
            var config = new BertConfig
            {
                VocabSize = Int(root, "vocab_size", defaults.VocabSize),
                HiddenSize = Int(root, "hidden_size", defaults.HiddenSize),
                NumHiddenLayers = checked((int)Int(root, "num_hidden_layers", defaults.NumHiddenLayers)),
                NumAttentionHeads = Int(root, "num_attention_heads", defaults.NumAttentionHeads),
                IntermediateSize = Int(root, "intermediate_size", defaults.IntermediateSize),
                MaxPositionEmbeddings = Int(root, "max_position_embeddings", defaults.MaxPositionEmbeddings),
                TypeVocabSize = Int(root, "type_vocab_size", defaults.TypeVocabSize),
                HiddenDropoutProb = Number(root, "hidden_dropout_prob", defaults.HiddenDropoutProb),
                AttentionProbsDropoutProb = Number(root, "attention_probs_dropout_prob", defaults.AttentionProbsDropoutProb),
                LayerNormEps = Number(root, "layer_norm_eps", defaults.LayerNormEps),
            };
            if (config.NumAttentionHeads <= 0 || config.HiddenSize % config.NumAttentionHeads != 0)
            {
                throw new WeightImportException($"{path}: hidden_size {config.HiddenSize} is not divisible by num_attention_heads {config.NumAttentionHeads}.");
            }
            return config;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException or OverflowException)
        {
            throw new WeightImportException($"{path} is not a valid HuggingFace BERT config: {e.Message}", e);
        }
    }

    private static long Int(JsonElement root, string name, long fallback) =>
        root.TryGetProperty(name, out var value) ? value.GetInt64() : fallback;

    private static double Number(JsonElement root, string name, double fallback) =>
        root.TryGetProperty(name, out var value) ? value.GetDouble() : fallback;

    private static void Require(string path, JsonElement root, string name, string[] supported)
    {
        if (root.TryGetProperty(name, out var value) && !supported.Contains(value.GetString() ?? "", StringComparer.Ordinal))
        {
            throw new WeightImportException(
                $"{path}: {name} '{value.GetString()}' is not supported; VideoLang's BERT implements {name} {string.Join(" or ", supported.Select(s => $"'{s}'"))}.");
        }
    }
}
