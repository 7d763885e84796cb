namespace VideoLang.Model.Checkpoints;

/// <summary>
/// Translates the tensor names of published files into names inside the model part they fill
/// (without the <c>bert.</c> / <c>cnn.backbone.</c> prefix); null marks a known extra that the
/// model has no use for.
/// </summary>
internal static class PublishedNames
{
    public static string? ToModelName(WeightSourceKind kind, string name) => kind switch
    {
        WeightSourceKind.Bert => Bert(name),
        WeightSourceKind.ResNet => name.StartsWith("fc.", StringComparison.Ordinal) ? null : name,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown weight source."),
    };

    /// <summary>
    /// BertForPreTraining nests the encoder under <c>bert.</c> beside its <c>cls.*</c> heads; BertModel
    /// exports it bare. Checkpoints converted from Google's TensorFlow release (bert-base-uncased's
    /// among them) still call LayerNorm's weight and bias <c>gamma</c> and <c>beta</c>, which
    /// HuggingFace renames on load, so we do too. <c>position_ids</c> is a constant buffer HF saves.
    /// </summary>
    private static string? Bert(string name)
    {
        if (name.StartsWith("cls.", StringComparison.Ordinal))
        {
            return null;
        }
        var relative = name.StartsWith("bert.", StringComparison.Ordinal) ? name["bert.".Length..] : name;
        if (relative == "embeddings.position_ids")
        {
            return null;
        }
        if (relative.Contains("LayerNorm.", StringComparison.Ordinal))
        {
            if (relative.EndsWith(".gamma", StringComparison.Ordinal))
            {
                return relative[..^"gamma".Length] + "weight";
            }
            if (relative.EndsWith(".beta", StringComparison.Ordinal))
            {
                return relative[..^"beta".Length] + "bias";
            }
        }
        return relative;
    }
}
