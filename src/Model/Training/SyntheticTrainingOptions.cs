using System.Text.Json;
using System.Text.Json.Serialization;
using VideoLang.Model.Configuration;
using VideoLang.Sampler.Synthetic;

namespace VideoLang.Model.Training;

/// <summary>A training run of the tiny model on generated videos with known content (the learning evidence, the demo's model).</summary>
public sealed class SyntheticTrainingOptions
{
    /// <summary>Where videos, manifests and the checkpoint go; videos already there are reused.</summary>
    public required string WorkDirectory { get; init; }

    /// <summary>Training videos; 1000 because the CNN, trained from scratch, tells shapes apart on new scenes only after seeing many.</summary>
    public int TrainVideos { get; init; } = 1000;

    /// <summary>Held-out videos, of scenes that never appear in training; also the retrieval candidates.</summary>
    public int TestVideos { get; init; } = 50;

    public int Seed { get; init; } = 1;

    /// <summary>The training videos' folder; its name carries everything the scenes and files depend on, so a reused folder always matches.</summary>
    public string TrainDirectory => Path.Combine(WorkDirectory, $"train-{VideoSetName}");

    /// <summary>The held-out videos' folder (see <see cref="TrainDirectory"/>).</summary>
    public string TestDirectory => Path.Combine(WorkDirectory, $"test-{VideoSetName}");

    private string VideoSetName =>
        FormattableString.Invariant($"v{SyntheticVideoGenerator.DrawingVersion}-{Seed}-{TrainVideos}-{TestVideos}-{VideoWidth}x{VideoHeight}-{VideoSeconds}s-{VideoFramesPerSecond}fps");

    public double VideoSeconds { get; init; } = 3;

    public int VideoWidth { get; init; } = 128;

    public int VideoHeight { get; init; } = 96;

    public double VideoFramesPerSecond { get; init; } = 10;

    /// <summary>How the generated videos are encoded: <see cref="VideoWidth"/>, <see cref="VideoHeight"/>, <see cref="VideoFramesPerSecond"/>, <see cref="VideoSeconds"/>.</summary>
    public VideoEncoding VideoEncoding => new()
    {
        Width = VideoWidth, Height = VideoHeight, FramesPerSecond = VideoFramesPerSecond, DurationSeconds = VideoSeconds,
    };

    public TemporalFusion TemporalFusion { get; init; } = TemporalFusion.Mean;

    /// <summary>TSM's temporal shift in the CNN (<see cref="ClipBertConfig.TemporalShift"/>); off as in ClipBERT.</summary>
    public bool TemporalShift { get; init; }

    /// <summary>
    /// The temporal shift before the grid encoder (<see cref="ClipBertConfig.GridTemporalShift"/>). Default:
    /// on with ordered fusion, off with mean fusion (ClipBERT's network, whose blindness to order is the
    /// baseline the motion numbers are measured against).
    /// </summary>
    public bool GridTemporalShift
    {
        get => _gridTemporalShift ?? TemporalFusion == TemporalFusion.Ordered;
        init => _gridTemporalShift = value;
    }

    /// <summary>
    /// Time reversal (<see cref="TrainingOptions.TimeReversal"/>) in the CNN warm-up and in
    /// <see cref="Training"/> (whose own setting this replaces): half the clips play backwards and
    /// are trained with the generator's description of the reversed scene (its motion the other way),
    /// so which way a shape moves can be learnt only from the frames' order. Default: on with ordered
    /// fusion, off with mean fusion (which cannot tell a clip from its reverse).
    /// </summary>
    public bool TimeReversal
    {
        get => _timeReversal ?? TemporalFusion == TemporalFusion.Ordered;
        init => _timeReversal = value;
    }

    private readonly bool? _gridTemporalShift;
    private readonly bool? _timeReversal;

    public int ImageSize { get; init; } = 128;

    /// <summary>
    /// Everything that decides the trained weights (the videos, the network, both phases' options) as
    /// indented JSON; <see cref="SyntheticTraining"/> saves it beside the checkpoint, so a saved model
    /// can be told from one the current recipe would train.
    /// </summary>
    public string Recipe() => JsonSerializer.Serialize(new
    {
        Videos = VideoSetName, TemporalFusion, TemporalShift, GridTemporalShift, TimeReversal, ImageSize, VisualWarmupEpochs,
        Training = TrainingAsRun,
    }, s_recipeJson);

    private static readonly JsonSerializerOptions s_recipeJson = new() { WriteIndented = true, Converters = { new JsonStringEnumConverter() } };

    /// <summary>
    /// Epochs that train only the CNN (through <see cref="TrainingOptions.VisualTagging"/>'s tag
    /// classifier on pooled visual tokens) before <see cref="Training"/> starts; 0 for none. A
    /// stand-in for ClipBERT's ImageNet-pretrained CNN, cheap because no text pass runs. Default 48
    /// (about 3,000 steps of 16 videos, two minutes here): a CNN trained from scratch needs several
    /// hundred steps of a direct signal before it encodes a small object's colour and shape at all,
    /// and thousands before the transformer can read them reliably (16 epochs: colour/shape QA 0.65,
    /// 48: 1.0; docs/learning.md).
    /// </summary>
    public int VisualWarmupEpochs { get; init; } = 48;

    /// <summary>
    /// ClipBERT's recipe with rates for a model trained from scratch (see docs/learning.md): the CNN
    /// at 3e-4, not higher (at 4e-3 a classifier on its visual tokens does not
    /// learn a shape in 300 steps), the transformer at 2e-3 (1e-4 learns nothing in hundreds of
    /// steps); one clip per video and step as ClipBERT trains; two hard ITM negatives per positive;
    /// the visual tag classifier kept on after the warm-up; masked language modelling on captions.
    /// 16 epochs with mean fusion. With ordered fusion 24 epochs, and a clip's two frames 1 s apart
    /// instead of ClipBERT's 0.5 s: only then does the transformer read which way a shape moves on
    /// both axes (16 epochs: left/right only; docs/learning.md).
    /// </summary>
    public TrainingOptions Training
    {
        get => _training ?? RecipeTraining(TemporalFusion);
        init => _training = value;
    }

    private readonly TrainingOptions? _training;

    /// <summary><see cref="Training"/> as <see cref="SyntheticTraining"/> runs it: with <see cref="TimeReversal"/>.</summary>
    internal TrainingOptions TrainingAsRun => Training with { TimeReversal = TimeReversal };

    private static TrainingOptions RecipeTraining(TemporalFusion fusion) => new()
    {
        Epochs = fusion == TemporalFusion.Ordered ? 24 : 16,
        FramesPerSecond = fusion == TemporalFusion.Ordered ? 1 : 2,
        BatchSize = 16,
        TrainClips = 1,
        CnnLearningRate = 3e-4,
        TransformerLearningRate = 2e-3,
        WeightDecay = 1e-3,
        HardNegatives = 2,
        VisualTagging = true,
        MaskedLanguageModelling = true,
    };
}
