using VideoLang.Model.Configuration;

namespace VideoLang.Model.Training;

/// <summary>A training run of the tiny model on generated videos with known content (the learning evidence, the demo's model).</summary>
public sealed class SyntheticTrainingOptions
{
    /// <summary>Where videos, manifests and the checkpoint go; videos already there are reused.</summary>
    public required string WorkDirectory { get; init; }

    public int TrainVideos { get; init; } = 200;

    /// <summary>Held-out videos, of scenes that never appear in training; also the retrieval candidates.</summary>
    public int TestVideos { get; init; } = 50;

    public int Seed { get; init; } = 1;

    public double VideoSeconds { get; init; } = 3;

    public int VideoWidth { get; init; } = 128;

    public int VideoHeight { get; init; } = 96;

    public double VideoFramesPerSecond { get; init; } = 10;

    public TemporalFusion TemporalFusion { get; init; } = TemporalFusion.Mean;

    public int ImageSize { get; init; } = 128;

    /// <summary>
    /// Epochs that train only the CNN (through <see cref="TrainingOptions.VisualTagging"/>'s tag
    /// classifier on pooled visual tokens) before <see cref="Training"/> starts; 0 for none. A
    /// stand-in for ClipBERT's ImageNet-pretrained CNN, cheap because no text pass runs.
    /// </summary>
    public int VisualWarmupEpochs { get; init; }

    /// <summary>
    /// ClipBERT's recipe with rates for a model trained from scratch and two hard ITM negatives per
    /// positive (see README, "Learning evidence"): the CNN at 3e-4, not higher (at 4e-3 a classifier on
    /// its visual tokens does not learn a shape in 300 steps; at 3e-4 it fits them in 200), the
    /// transformer at 2e-3 (1e-4 learns nothing in hundreds of steps).
    /// </summary>
    public TrainingOptions Training { get; init; } = new()
    {
        Epochs = 30,
        BatchSize = 16,
        CnnLearningRate = 3e-4,
        TransformerLearningRate = 2e-3,
        WeightDecay = 1e-3,
        HardNegatives = 2,
    };
}
