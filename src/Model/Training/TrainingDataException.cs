using System.Globalization;

namespace VideoLang.Model.Training;

/// <summary>Training videos could not be decoded; <see cref="Failures"/> names each with its reason.</summary>
public sealed class TrainingDataException : Exception
{
    public TrainingDataException(IReadOnlyList<TrainingVideoFailure> failures, int total)
        : base(Describe(failures, total))
    {
        Failures = failures;
    }

    public TrainingDataException()
        : this([], 0)
    {
    }

    public TrainingDataException(string message)
        : base(message)
    {
        Failures = [];
    }

    public TrainingDataException(string message, Exception innerException)
        : base(message, innerException)
    {
        Failures = [];
    }

    public IReadOnlyList<TrainingVideoFailure> Failures { get; }

    private static string Describe(IReadOnlyList<TrainingVideoFailure> failures, int total)
    {
        const int Listed = 10;
        var lines = failures.Take(Listed).Select(f => $"  {f.Path}: {f.Reason}");
        var more = failures.Count > Listed ? string.Create(CultureInfo.InvariantCulture, $"\n  ... and {failures.Count - Listed} more") : "";
        return string.Create(CultureInfo.InvariantCulture,
            $"{failures.Count} of {total} training videos could not be decoded (each tried twice); fix or remove them, or skip them (UnreadableVideos.Skip):\n") +
            string.Join('\n', lines) + more;
    }
}
