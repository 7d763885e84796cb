namespace VideoLang.Model.Text;

/// <summary>BERT's shape, named as HuggingFace's <c>BertConfig</c> (bert-base-uncased by default).</summary>
public sealed record BertConfig
{
    public long VocabSize { get; init; } = 30522;

    public long HiddenSize { get; init; } = 768;

    public int NumHiddenLayers { get; init; } = 12;

    public long NumAttentionHeads { get; init; } = 12;

    public long IntermediateSize { get; init; } = 3072;

    public long MaxPositionEmbeddings { get; init; } = 512;

    public long TypeVocabSize { get; init; } = 2;

    public double HiddenDropoutProb { get; init; } = 0.1;

    public double AttentionProbsDropoutProb { get; init; } = 0.1;

    public double LayerNormEps { get; init; } = 1e-12;
}
