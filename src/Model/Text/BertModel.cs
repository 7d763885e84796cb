using VideoLang.Torch;
using VideoLang.Torch.NN;

namespace VideoLang.Model.Text;

/// <summary>
/// BERT with HuggingFace's parameter names (<c>embeddings.word_embeddings.weight</c>,
/// <c>encoder.layer.N.attention.self.query.weight</c>, <c>pooler.dense.weight</c>), so a
/// <c>bert-base-uncased</c> checkpoint loads unchanged. The encoder takes embeddings rather than ids
/// so that visual tokens can join the text tokens (ClipBERT's single-stream fusion).
/// </summary>
public sealed class BertModel : Module
{
    /// <summary>Added to the attention scores of padded positions (BERT's original constant; safe in float16).</summary>
    public const double MaskedScore = -10000.0;

    private readonly BertEmbeddings _embeddings;
    private readonly ModuleList<BertLayer> _layers;
    private readonly Linear _pooler;

    public BertModel(BertConfig config)
    {
        Config = config;
        _embeddings = RegisterModule("embeddings", new BertEmbeddings(config));
        var encoder = RegisterModule("encoder", new BertEncoderLayers(config));
        _layers = encoder.Layers;
        _pooler = RegisterModule("pooler", new BertPooler(config)).Dense;
    }

    public BertConfig Config { get; }

    /// <summary>The word embedding table (vocabulary, H).</summary>
    public Tensor WordEmbeddings => _embeddings.WordEmbeddings;

    /// <summary>Text embeddings (B, L, H) for token ids (B, L); token types default to 0.</summary>
    public Tensor Embed(Tensor inputIds, Tensor? tokenTypeIds = null) => _embeddings.Forward(inputIds, tokenTypeIds);

    /// <summary>Runs the transformer layers over (B, L, H) embeddings; <paramref name="attentionMask"/> is (B, L), 1 for real tokens and 0 for padding.</summary>
    public Tensor Encode(Tensor embeddings, Tensor attentionMask)
    {
        using var scope = new DisposeScope();
        var additive = attentionMask.To(embeddings.Dtype).Neg().Add(1).Mul(MaskedScore).Unsqueeze(1).Unsqueeze(2);
        var hidden = embeddings;
        foreach (var layer in _layers)
        {
            hidden = layer.Forward(hidden, additive);
        }
        return scope.MoveOut(ReferenceEquals(hidden, embeddings) ? embeddings.Alias() : hidden);
    }

    /// <summary>BERT's pooled output: tanh(dense(first token)), (B, H).</summary>
    public Tensor Pool(Tensor hidden)
    {
        using var scope = new DisposeScope();
        return scope.MoveOut(_pooler.Forward(hidden.Select(1, 0)).Tanh());
    }

    /// <summary>Text-only forward: (sequence output (B, L, H), pooled output (B, H)).</summary>
    public (Tensor Sequence, Tensor Pooled) Forward(Tensor inputIds, Tensor attentionMask, Tensor? tokenTypeIds = null)
    {
        using var embedded = Embed(inputIds, tokenTypeIds);
        var sequence = Encode(embedded, attentionMask);
        return (sequence, Pool(sequence));
    }

    /// <summary>HF's <c>encoder</c>, holding <c>layer.N</c>.</summary>
    private sealed class BertEncoderLayers : Module
    {
        public BertEncoderLayers(BertConfig config) =>
            Layers = RegisterModule("layer", new ModuleList<BertLayer>(Enumerable.Range(0, config.NumHiddenLayers).Select(_ => new BertLayer(config))));

        public ModuleList<BertLayer> Layers { get; }
    }

    /// <summary>HF's <c>pooler</c>, holding <c>dense</c>.</summary>
    private sealed class BertPooler : Module
    {
        public BertPooler(BertConfig config) => Dense = RegisterModule("dense", new Linear(config.HiddenSize, config.HiddenSize));

        public Linear Dense { get; }
    }
}
