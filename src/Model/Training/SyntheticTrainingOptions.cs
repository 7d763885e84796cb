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

    public TrainingOptions Training { get; init; } = new()
    {
        Epochs = 30,
        BatchSize = 16,
        CnnLearningRate = 4e-3,
        TransformerLearningRate = 2e-3,
        WeightDecay = 1e-3,
    };
}
