using VideoLang.Jobs.Store;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Embedders;
using VideoLang.Model.Vision;

namespace VideoLang.Jobs.Inference;

/// <summary>Tells what a VideoLang checkpoint folder holds from its <c>config.json</c>, without loading weights.</summary>
public static class ModelKinds
{
    /// <summary>
    /// An image-text embedder's folder is <see cref="ModelKind.ImageText"/>; a ClipBERT-config folder with
    /// the registry's CNTK ResNet-18 and no answer or tag heads is the install's pretrained CNN, whose grid
    /// encoder and BERT heads are untrained, so <see cref="ModelKind.ImageFeatures"/>; any other is
    /// <see cref="ModelKind.ClipBert"/>.
    /// </summary>
    /// <exception cref="CheckpointException">The config is missing or not a model config.</exception>
    public static ModelKind Detect(string folder)
    {
        if (!File.Exists(Path.Combine(folder, Checkpoint.ConfigFile)))
        {
            throw new CheckpointException($"{folder} has no {Checkpoint.ConfigFile}; it is not a model folder.");
        }
        if (ImageTextCheckpoint.IsImageTextCheckpoint(folder))
        {
            ImageTextCheckpoint.ReadConfig(folder);
            return ModelKind.ImageText;
        }
        var config = Checkpoint.ReadConfig(folder);
        return config.Backbone == ResNetDepth.ResNet18Cntk && config.AnswerCount == 0 && config.TagCount == 0
            ? ModelKind.ImageFeatures
            : ModelKind.ClipBert;
    }
}
