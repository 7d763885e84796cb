using VideoLang.Model.Checkpoints;
using VideoLang.Model.Training;

namespace VideoLang.Model.Tests.Training;

public sealed class TrainingManifestTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-manifest-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Read_AcceptsTheSyntheticManifestAndPlainForms()
    {
        var path = Path.Combine(_directory, "manifest.jsonl");
        File.WriteAllLines(path,
        [
            """{"file":"a.mp4","caption":"a red circle","questions":[{"question":"what colour is the circle?","answer":"red"}],"tags":["circle","red"]}""",
            "",
            """{"video":"sub/b.mp4","captions":["one","two"],"questions":[{"question":"which?","answer":"x","options":["x","y"]}]}""",
        ]);
        var examples = TrainingManifest.Read(path);
        Assert.Equal(2, examples.Count);
        Assert.Equal(Path.Combine(_directory, "a.mp4"), examples[0].VideoPath);
        Assert.Equal(["a red circle"], examples[0].Captions);
        Assert.Equal("red", examples[0].Questions[0].Answer);
        Assert.Equal(["circle", "red"], examples[0].Tags);
        Assert.Equal(["one", "two"], examples[1].Captions);
        Assert.Equal(["x", "y"], examples[1].Questions[0].Options!);
        Assert.Empty(examples[1].Tags);
    }

    [Fact]
    public void Read_KeepsWhatTheVideoShowsPlayedBackwards_WhenTheLineSaysSo()
    {
        var path = Path.Combine(_directory, "reversed.jsonl");
        File.WriteAllLines(path,
        [
            """{"file":"a.mp4","caption":"a dot moves left","questions":[{"question":"which way?","answer":"left"}],"tags":["moving left"],"reversed":{"caption":"a dot moves right","questions":[{"question":"which way?","answer":"right"}],"tags":["moving right"]}}""",
            """{"file":"b.mp4","caption":"a dot","reversed":null}""",
        ]);

        var examples = TrainingManifest.Read(path);

        var reversed = examples[0].Reversed!;
        Assert.Equal(Path.Combine(_directory, "a.mp4"), reversed.VideoPath);
        Assert.Equal(["a dot moves right"], reversed.Captions);
        Assert.Equal(new QaItem("which way?", "right"), reversed.Questions.Single());
        Assert.Equal(["moving right"], reversed.Tags);
        Assert.Null(reversed.Reversed);
        Assert.Null(examples[1].Reversed);
    }

    [Fact]
    public void Read_NamesTheLine_WhenItIsMalformed()
    {
        var path = Path.Combine(_directory, "bad.jsonl");
        File.WriteAllLines(path, ["""{"file":"a.mp4"}""", """{"caption":"no file"}"""]);
        var e = Assert.Throws<FormatException>(() => TrainingManifest.Read(path));
        Assert.StartsWith($"{path}:2:", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LabelVocabulary_OrdersByFrequency_AndRoundTrips()
    {
        var vocabulary = LabelVocabulary.Build(["red", "blue", "blue", "green", "blue", "red"]);
        Assert.Equal(["blue", "red", "green"], vocabulary.Labels);
        Assert.Equal(1, vocabulary.IdOf("red"));
        var path = Path.Combine(_directory, "answers.txt");
        vocabulary.Save(path);
        Assert.Equal(vocabulary.Labels, LabelVocabulary.Load(path).Labels);
        Assert.Throws<KeyNotFoundException>(() => vocabulary.IdOf("purple"));
    }
}
