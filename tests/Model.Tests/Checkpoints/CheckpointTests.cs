using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Torch;

namespace VideoLang.Model.Tests.Checkpoints;

public sealed class CheckpointTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-checkpoint-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private string SaveTiny(out ClipBertModel model, bool gridTemporalShift = false)
    {
        var vocabulary = Path.Combine(_directory, "source-vocab.txt");
        File.WriteAllLines(vocabulary, ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "red", "circle"]);
        model = new ClipBertModel(ClipBertConfig.Tiny(7, TemporalFusion.Ordered) with { AnswerCount = 2, TagCount = 3, GridTemporalShift = gridTemporalShift });
        var folder = Path.Combine(_directory, "model");
        Checkpoint.Save(folder, model, vocabulary, new LabelVocabulary(["red", "blue"]), new LabelVocabulary(["circle", "square", "moving"]));
        return folder;
    }

    [Fact]
    public void SaveThenLoad_RestoresConfigWeightsAndVocabularies()
    {
        var folder = SaveTiny(out var original);
        using (original)
        using (var loaded = Checkpoint.Load(folder))
        {
            Assert.Equal(original.Config, loaded.Model.Config);
            Assert.Equal(TemporalFusion.Ordered, loaded.Model.Config.TemporalFusion);
            Assert.Equal(["red", "blue"], loaded.Answers!.Labels);
            Assert.Equal(["circle", "square", "moving"], loaded.Tags!.Labels);
            Assert.True(File.Exists(loaded.VocabularyPath));
            Assert.False(loaded.Model.IsTraining);
            var expected = original.StateDict();
            foreach (var (name, tensor) in loaded.Model.StateDict())
            {
                Assert.True(tensor.AllClose(expected[name], 0, 0), name);
            }
        }
    }

    [Fact]
    public void Load_NamesTheProblem_WhenWeightsAreCorruptOrFilesMissing()
    {
        var folder = SaveTiny(out var model);
        model.Dispose();
        var weights = Path.Combine(folder, Checkpoint.WeightsFile);
        var bytes = File.ReadAllBytes(weights);
        bytes[^1] ^= 0xFF;
        File.WriteAllBytes(weights, bytes);
        var corrupt = Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder));
        Assert.Contains("does not match its checksum", corrupt.Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(folder, Checkpoint.VocabularyFile));
        Assert.Contains("vocab.txt is missing", Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder)).Message, StringComparison.Ordinal);
        Assert.Contains("does not exist", Assert.Throws<CheckpointException>(() => Checkpoint.Load(Path.Combine(_directory, "nowhere"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadConfig_KeepsClipBertsGridPool_WhenConfigPredatesTheSetting()
    {
        var folder = SaveTiny(out var model);
        model.Dispose();
        var path = Path.Combine(folder, Checkpoint.ConfigFile);
        var config = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var key = Assert.Single(config, p => p.Key.Equals("gridPool", StringComparison.OrdinalIgnoreCase) || p.Key == "grid_pool").Key;
        Assert.Equal(1, (int)config[key]!);
        config.Remove(key);
        File.WriteAllText(path, config.ToJsonString());

        Assert.Equal(2, Checkpoint.ReadConfig(folder).GridPool);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void ReadConfig_KeepsTheGridTemporalShift(bool shift)
    {
        var folder = SaveTiny(out var model, shift);
        model.Dispose();

        Assert.Equal(shift, Checkpoint.ReadConfig(folder).GridTemporalShift);
    }

    [Fact]
    public void Load_Throws_WhenConfigIsNotJson()
    {
        var folder = SaveTiny(out var model);
        model.Dispose();
        File.WriteAllText(Path.Combine(folder, Checkpoint.ConfigFile), "{ not json");
        Assert.Contains("not a valid model config", Assert.Throws<CheckpointException>(() => Checkpoint.Load(folder)).Message, StringComparison.Ordinal);
    }
}
