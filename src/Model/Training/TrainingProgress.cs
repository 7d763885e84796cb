namespace VideoLang.Model.Training;

/// <summary>Where training stands after a step: for progress bars and logs.</summary>
public sealed record TrainingProgress(int Epoch, int Step, int TotalSteps, double Loss, IReadOnlyDictionary<string, double> Losses, double LearningRate, double VideosPerSecond);
