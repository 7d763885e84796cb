using System.Globalization;
using VideoLang.Model.Text;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// A <see cref="BertConfig"/> read off a BERT file's tensor shapes, for files that come without
/// their config.json. The head count leaves no trace in the shapes: every published BERT (base,
/// large and Google's small BERTs) uses 64-dimensional heads, so that is assumed and reported.
/// </summary>
internal static class BertShapeInference
{
    public const long AssumedHeadSize = 64;

    private const string LayerPrefix = "encoder.layer.";

    /// <param name="path">The file, for messages.</param>
    /// <param name="tensors">The file's tensors by their name inside BERT (no <c>bert.</c> prefix).</param>
    public static (BertConfig Config, string Note) Infer(string path, IReadOnlyDictionary<string, TensorEntry> tensors) =>
        Infer(path, tensors.ToDictionary(kv => kv.Key, kv => new TensorInfo(kv.Value.Name, kv.Value.Dtype, kv.Value.Shape), StringComparer.Ordinal));

    /// <param name="path">The file, for messages.</param>
    /// <param name="tensors">The file's tensors by their name inside BERT (no prefix), as any <see cref="ITensorFile"/> describes them.</param>
    public static (BertConfig Config, string Note) Infer(string path, IReadOnlyDictionary<string, TensorInfo> tensors)
    {
        var word = Matrix(path, tensors, "embeddings.word_embeddings.weight");
        var hidden = word[1];
        var layers = tensors.Keys.Select(LayerIndex).DefaultIfEmpty(-1).Max() + 1;
        if (layers == 0)
        {
            throw new WeightImportException($"{path} has no '{LayerPrefix}N.*' tensors: it holds BERT embeddings but no transformer layers.");
        }
        if (hidden % AssumedHeadSize != 0)
        {
            throw new WeightImportException(
                $"{path}: hidden size {hidden} is not a multiple of {AssumedHeadSize}, so the number of attention heads cannot be assumed; pass the model's config.json.");
        }
        var config = new BertConfig
        {
            VocabSize = word[0],
            HiddenSize = hidden,
            NumHiddenLayers = layers,
            NumAttentionHeads = hidden / AssumedHeadSize,
            IntermediateSize = Matrix(path, tensors, $"{LayerPrefix}0.intermediate.dense.weight")[0],
            MaxPositionEmbeddings = Matrix(path, tensors, "embeddings.position_embeddings.weight")[0],
            TypeVocabSize = Matrix(path, tensors, "embeddings.token_type_embeddings.weight")[0],
        };
        var note = $"{path} came without config.json: num_attention_heads assumed to be hidden_size / {AssumedHeadSize} = {config.NumAttentionHeads} " +
            $"and layer_norm_eps {config.LayerNormEps}; pass config.json if the model differs.";
        return (config, note);
    }

    private static long[] Matrix(string path, IReadOnlyDictionary<string, TensorInfo> tensors, string name)
    {
        if (!tensors.TryGetValue(name, out var entry))
        {
            throw new WeightImportException(
                $"{path} has no '{name}' (nor 'bert.{name}'): it is not a HuggingFace BERT checkpoint, or pass its config.json.");
        }
        if (entry.Shape.Length != 2)
        {
            throw new WeightImportException($"{path}: '{entry.Name}' has shape [{string.Join(", ", entry.Shape)}]; a BERT checkpoint has a matrix there.");
        }
        return entry.Shape;
    }

    private static int LayerIndex(string name)
    {
        if (!name.StartsWith(LayerPrefix, StringComparison.Ordinal))
        {
            return -1;
        }
        var rest = name.AsSpan(LayerPrefix.Length);
        var dot = rest.IndexOf('.');
        return dot > 0 && int.TryParse(rest[..dot], NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? index : -1;
    }
}
