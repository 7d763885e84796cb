using VideoLang.Model.Evaluation;

namespace VideoLang.Model.Training;

/// <summary>
/// What a synthetic run reached on its held-out videos, and where its checkpoint is. Retrieval is
/// scored three ways: the cross-encoder alone (<see cref="Retrieval"/>, ClipBERT's), the dual
/// encoder alone (<see cref="DualEncoderRetrieval"/>, search's first stage) and both added
/// (<see cref="SearchRetrieval"/>, what search ranks by).
/// </summary>
public sealed record SyntheticTrainingResult(
    RetrievalMetrics Retrieval,
    RetrievalMetrics DualEncoderRetrieval,
    RetrievalMetrics SearchRetrieval,
    double QaAccuracy,
    double ColourShapeQaAccuracy,
    double MotionQaAccuracy,
    double FinalLoss,
    TimeSpan TrainingTime,
    string CheckpointDirectory);
