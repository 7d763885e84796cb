using VideoLang.Model.Evaluation;

namespace VideoLang.Model.Training;

/// <summary>What a synthetic run reached on its held-out videos, and where its checkpoint is.</summary>
public sealed record SyntheticTrainingResult(
    RetrievalMetrics Retrieval,
    double QaAccuracy,
    double ColourShapeQaAccuracy,
    double MotionQaAccuracy,
    double FinalLoss,
    TimeSpan TrainingTime,
    string CheckpointDirectory);
