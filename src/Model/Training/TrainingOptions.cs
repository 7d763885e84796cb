using VideoLang.Model.Heads;

namespace VideoLang.Model.Training;

/// <summary>How to train; the defaults follow ClipBERT's recipe except where noted (a record, so a variant is a <c>with</c> away).</summary>
public sealed record TrainingOptions
{
    public int Epochs { get; set; } = 10;

    /// <summary>Videos per optimizer step (before accumulation).</summary>
    public int BatchSize { get; set; } = 8;

    /// <summary>Steps whose gradients add up before one optimizer step.</summary>
    public int AccumulationSteps { get; set; } = 1;

    /// <summary>N_train: clips drawn at random per video per step (ClipBERT: 2 for pre-training, 1–4 fine-tuning).</summary>
    public int TrainClips { get; set; } = 2;

    /// <summary>Clips decoded once per video and kept; training draws its N_train from these.</summary>
    public int CachedClips { get; set; } = 4;

    /// <summary>T: frames per clip (ClipBERT: 2 at 2 fps).</summary>
    public int FramesPerClip { get; set; } = 2;

    public double FramesPerSecond { get; set; } = 2;

    /// <summary>The CNN's learning rate (ClipBERT fine-tunes at 5e-5; the tiny model from scratch wants ~1e-3).</summary>
    public double CnnLearningRate { get; set; } = 5e-5;

    /// <summary>The transformer's and heads' learning rate.</summary>
    public double TransformerLearningRate { get; set; } = 5e-5;

    public double WeightDecay { get; set; } = 1e-3;

    public double Beta1 { get; set; } = 0.9;

    public double Beta2 { get; set; } = 0.98;

    public double WarmupFraction { get; set; } = 0.1;

    public double GradientClipNorm { get; set; } = 5;

    public Consensus Consensus { get; set; } = Consensus.LogSumExp;

    public int MaxTextLength { get; set; } = 32;

    public bool Retrieval { get; set; } = true;

    /// <summary>
    /// Negative captions per positive for ITM beyond ClipBERT's one random caption: captions of other
    /// videos that share the most words with the positive (0, ClipBERT's recipe, by default). A random
    /// caption differs in almost everything, so ITM can be solved from the most salient detail alone;
    /// a near-duplicate that differs in one or two details teaches every detail, which is what ranking
    /// among similar videos needs.
    /// </summary>
    public int HardNegatives { get; set; }

    /// <summary>How many of the most similar captions <see cref="HardNegatives"/> are drawn from.</summary>
    public int HardNegativePool { get; set; } = 8;

    public bool QuestionAnswering { get; set; } = true;

    /// <summary>Questions per video per step for QA (all of a video's questions share its visual tokens).</summary>
    public int QuestionsPerVideo { get; set; } = 8;

    public bool Tagging { get; set; } = true;

    /// <summary>
    /// Also trains a linear multi-label tag classifier on each video's pooled visual tokens (pooled over
    /// clips and the grid; with ordered fusion each frame's pool is kept apart, so motion tags can be
    /// learnt), used only in training (off, as ClipBERT, by default). It gives a CNN trained from scratch a direct
    /// signal about small objects, which stands in for ClipBERT's ImageNet-pretrained ResNet: through
    /// the cross-encoder alone, a tiny model learns a frame's dominant colour in a few dozen steps but
    /// not the shape in it within a thousand.
    /// </summary>
    public bool VisualTagging { get; set; }

    /// <summary>
    /// Also trains masked language modelling on captions joined with their video (ClipBERT's
    /// pre-training objective; off by default, as in its fine-tuning): a share of each caption's
    /// words is hidden and predicted from the rest and the visual tokens. Every masked colour or
    /// shape word is a dense lesson in reading the video for the part of the text it belongs to,
    /// which a model trained from scratch otherwise learns slowly through ITM and QA alone.
    /// Needs <see cref="TrainingSet.MaskTokenId"/>.
    /// </summary>
    public bool MaskedLanguageModelling { get; set; }

    /// <summary>Share of a caption's word pieces masked language modelling predicts (BERT: 0.15).</summary>
    public double MaskProbability { get; set; } = 0.15;

    /// <summary>
    /// Time-reversal augmentation (off by default): each video with a <see cref="TrainingExample.Reversed"/>
    /// description has its sampled clips played backwards with probability 1/2 per step, and every
    /// objective then trains on that description (its captions, answers and tags). A reversed clip
    /// looks the same frame by frame but moves the other way, so which way it moves can be learnt only
    /// from the frames' order, never from what the video looks like (1000 training scenes are easy to
    /// tell apart by their colours, so without it motion is memorised by appearance). With retrieval,
    /// a video whose reversed captions differ from its own also gets one of them as an ITM negative
    /// (the same clip described the other way round: only its order tells them apart).
    /// </summary>
    public bool TimeReversal { get; set; }

    public bool DualEncoder { get; set; } = true;

    public ContrastiveObjective ContrastiveObjective { get; set; } = ContrastiveObjective.Clip;

    public int Seed { get; set; } = 42;

    /// <summary>On CUDA, run the forward pass under bfloat16 autocast.</summary>
    public bool MixedPrecision { get; set; } = true;
}
