namespace VideoLang.Model.Tests.Training;

/// <summary>
/// Size of the learning test and the thresholds it must clear, set from measured runs with margin
/// (see README, "Learning evidence"); chance R@1 is 1 / TestVideos.
/// </summary>
internal static class LearningBudget
{
    public const int TrainVideos = 120;
    public const int TestVideos = 20;
    public const int Epochs = 25;
    public const double MinRecallAt1 = 0.3;
    public const double MaxMedianRank = 3;
    public const double MinColourShapeAccuracy = 0.5;
}
