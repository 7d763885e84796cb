using VideoLang.Model.Checkpoints;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Training;

namespace VideoLang.Model.Tests.Training;

public sealed class CaptionNeighboursTests
{
    [Fact]
    public void Build_RanksOtherVideosCaptionsBySharedWords_AndNeverOffersAVideoItsOwnCaption()
    {
        string[] captions =
        [
            "a red circle on a blue background",
            "a red square on a blue background",
            "a green cross moves left on a white background",
            "a red circle on a blue background", // a second video with the same caption as the first
        ];
        var builder = new WordPieceVocabularyBuilder();
        builder.AddRange(captions);
        var tokenizer = new WordPieceTokenizer(builder.Build());
        var examples = captions.Select((c, i) => new TrainingExample($"v{i}.mp4", [c], [], [])).ToArray();
        var data = new TrainingSet(examples, new DecodedVideo[examples.Length], t => tokenizer.Encode(t, 32).Ids,
            LabelVocabulary.Build([]), LabelVocabulary.Build([]));

        var neighbours = CaptionNeighbours.Build(data, poolSize: 2);

        Assert.Equal(["a red square on a blue background", "a green cross moves left on a white background"], neighbours.Of(0));
        Assert.Equal(["a red circle on a blue background", "a green cross moves left on a white background"], neighbours.Of(1));
        Assert.DoesNotContain(captions[3], neighbours.Of(3));
    }
}
