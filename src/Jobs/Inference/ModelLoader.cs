using VideoLang.Jobs.Inference.Embedding;
using VideoLang.Jobs.Running;
using VideoLang.Jobs.Store;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Embedders;
using VideoLang.Model.Inference;
using VideoLang.Model.Tokenization;
using VideoLang.Torch;

namespace VideoLang.Jobs.Inference;

/// <summary>Loads a registered model by its kind, checked against the checksum it was registered with.</summary>
internal static class ModelLoader
{
    public static LoadedModel Load(ModelRecord record, Device device, WorkerOptions options)
    {
        var expected = Path.Combine(record.Path, Checkpoint.ChecksumFile);
        if (File.Exists(expected) && !string.Equals(File.ReadAllText(expected).Trim(), record.Checksum, StringComparison.OrdinalIgnoreCase))
        {
            throw new ModelUnavailableException($"The model '{record.Name}' at {record.Path} is not the one registered (checksum changed). Register it again with `vlang models import`.");
        }
        try
        {
            switch (record.Kind)
            {
                case ModelKind.ImageText:
                    return new LoadedModel(record.Id, record.Name, new ImageTextClipEmbedder(ImageTextCheckpoint.Load(record.Path, device), device), null, null, null, device);
                case ModelKind.ImageFeatures:
                    return new LoadedModel(record.Id, record.Name, new ResNetClipEmbedder(Checkpoint.Load(record.Path, device), device), null, null, null, device);
                default:
                    var checkpoint = Checkpoint.Load(record.Path, device);
                    var tokenizer = WordPieceTokenizer.FromVocabularyFile(checkpoint.VocabularyPath);
                    var maxTokens = options.MaxTextTokens;
                    var predictor = new ClipBertPredictor(checkpoint.Model, t => tokenizer.Encode(t, maxTokens).Ids, checkpoint.Answers, checkpoint.Tags, device: device);
                    return new LoadedModel(record.Id, record.Name, new ClipBertClipEmbedder(predictor), checkpoint, tokenizer, predictor, device);
            }
        }
        catch (CheckpointException e)
        {
            throw new ModelUnavailableException($"The model '{record.Name}' cannot be loaded: {e.Message}", e);
        }
    }
}
