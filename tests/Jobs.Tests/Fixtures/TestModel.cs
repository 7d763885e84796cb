using VideoLang.Model;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;

namespace VideoLang.Jobs.Tests.Fixtures;

/// <summary>A randomly initialised tiny checkpoint with answer and tag vocabularies: real weights, real forward passes, meaningless answers.</summary>
internal static class TestModel
{
    public static readonly string[] Answers = ["red", "blue", "green"];
    public static readonly string[] Tags = ["circle", "square", "moving"];

    public static string Save(string directory, double framesPerSecond = 2)
    {
        Directory.CreateDirectory(directory);
        var vocabulary = Path.Combine(directory, "source-vocab.txt");
        File.WriteAllLines(vocabulary, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "what", "colour", "is", "the", "shape", "a", "red", "blue", "green", "circle", "square", "?"]);
        var folder = Path.Combine(directory, "model");
        var config = ClipBertConfig.Tiny(17) with { ImageSize = 64, FramesPerSecond = framesPerSecond, AnswerCount = Answers.Length, TagCount = Tags.Length };
        using var model = new ClipBertModel(config);
        Checkpoint.Save(folder, model, vocabulary, new LabelVocabulary(Answers), new LabelVocabulary(Tags));
        return folder;
    }
}
