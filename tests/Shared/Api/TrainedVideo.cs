namespace VideoLang.Api.Tests.Fixtures;

/// <summary>A generated video the test model was trained on, with what is true of it.</summary>
public sealed record TrainedVideo(string Path, string Caption, IReadOnlyList<(string Question, string Answer)> Questions)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}
