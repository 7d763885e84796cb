using VideoLang.Sampler.Synthetic;

namespace VideoLang.Sampler.Tests.Synthetic;

public sealed class SceneTextTests
{
    [Theory]
    [InlineData(ScenePosition.Left, "a purple cross on the left of a gray background")]
    [InlineData(ScenePosition.Right, "a purple cross on the right of a gray background")]
    [InlineData(ScenePosition.Top, "a purple cross at the top of a gray background")]
    [InlineData(ScenePosition.Bottom, "a purple cross at the bottom of a gray background")]
    [InlineData(ScenePosition.Center, "a purple cross in the middle of a gray background")]
    public void Caption_SaysWhereTheShapeIs_WhenItIsStill(ScenePosition position, string caption)
    {
        Assert.Equal(caption, SceneText.Caption(new SceneSpec(ShapeKind.Cross, SceneColor.Purple, SceneColor.Gray, position)));
    }

    [Fact]
    public void Caption_UsesAn_WhenColourStartsWithAVowel()
    {
        Assert.Equal(
            "an orange diamond moves up on a cyan background",
            SceneText.Caption(new SceneSpec(ShapeKind.Diamond, SceneColor.Orange, SceneColor.Cyan, Motion: MotionDirection.Up)));
    }

    [Fact]
    public void Questions_AskWhereItIs_WhenShapeIsStill()
    {
        var questions = SceneText.Questions(new SceneSpec(ShapeKind.Square, SceneColor.Black, SceneColor.White, ScenePosition.Center));

        Assert.Equal(
            [
                new QaPair("what colour is the square?", "black"),
                new QaPair("what shape is black?", "square"),
                new QaPair("what colour is the background?", "white"),
                new QaPair("is the square moving?", "no"),
                new QaPair("where is the square?", "middle"),
            ],
            questions);
    }

    [Fact]
    public void Tags_NameShapeColourBackgroundAndMotion_WhenSceneHasAWord()
    {
        Assert.Equal(
            ["triangle", "yellow", "blue background", "moving down", "text"],
            SceneText.Tags(new SceneSpec(ShapeKind.Triangle, SceneColor.Yellow, SceneColor.Blue, Motion: MotionDirection.Down, Word: "sun")));
    }
}
