using VideoLang.Model.Configuration;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// The published files <see cref="WeightImporter"/> turns into a checkpoint. Give a BERT, a ResNet
/// or both; the part not given comes from <see cref="BaseConfig"/> with a fresh initialisation, as do
/// the grid encoder, visual embeddings and heads.
/// </summary>
public sealed record WeightImportOptions
{
    /// <summary>The WordPiece <c>vocab.txt</c> that goes with the BERT weights; copied into the checkpoint.</summary>
    public required string VocabularyPath { get; init; }

    /// <summary>A HuggingFace BERT <c>model.safetensors</c> or <c>pytorch_model.bin</c>, names with or without the <c>bert.</c> prefix; null keeps a fresh BERT.</summary>
    public string? BertWeightsPath { get; init; }

    /// <summary>HuggingFace's <c>config.json</c> for the BERT; null infers the shape from the tensors (heads = hidden / 64).</summary>
    public string? BertConfigPath { get; init; }

    /// <summary>A torchvision or timm ResNet-18/34/50 as safetensors or a torch.save <c>.pth</c>; null keeps a fresh backbone of <see cref="BaseConfig"/>.</summary>
    public string? ResNetWeightsPath { get; init; }

    /// <summary>
    /// Everything the files do not decide (name, image size, temporal fusion, embedding size, frozen
    /// batch norm); its BERT and backbone are replaced by those of the files. Default: clipbert-base.
    /// It must have no QA or tag head: those are added by training, with their vocabularies.
    /// </summary>
    public ClipBertConfig BaseConfig { get; init; } = ClipBertConfig.ClipBertBase;
}
