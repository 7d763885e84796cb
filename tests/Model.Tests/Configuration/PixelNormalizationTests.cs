using System.Text.Json;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Configuration;
using VideoLang.Model.Vision;
using VideoLang.Torch;

namespace VideoLang.Model.Tests.Configuration;

/// <summary>The preprocessing a checkpoint carries: what it computes, and that configs written before it existed still read as ImageNet.</summary>
public sealed class PixelNormalizationTests
{
    [Fact]
    public void Normalize_ReordersToBgrAndSubtractsTheMeanImage_WhenCntkMeanImage()
    {
        byte[] rgb = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120];
        float[] meanImage = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
        using var scope = new DisposeScope();

        var x = FramePreprocessor.Normalize(Tensor.FromArray(rgb, [1, 1, 2, 2, 3]), PixelNormalization.CntkMeanImage, Tensor.FromArray(meanImage, [3, 2, 2]));

        Assert.Equal([1L, 1, 3, 2, 2], x.Shape);
        // Channel 0 is blue: the pixels' third bytes (30, 60, 90, 120) minus the mean image's first plane (1, 2, 3, 4); then green, then red.
        Assert.Equal([29f, 58, 87, 116, 15, 44, 73, 102, 1, 30, 59, 88], x.ToArray<float>());
    }

    [Fact]
    public void Normalize_RefusesNamingTheSizes_WhenFramesAreNotTheMeanImageSize()
    {
        using var scope = new DisposeScope();

        var error = Assert.Throws<ArgumentException>(() =>
            FramePreprocessor.Normalize(Tensors.Zeros([1, 1, 4, 4, 3], ScalarType.UInt8), PixelNormalization.CntkMeanImage, Tensors.Zeros([3, 2, 2])));

        Assert.Contains("4×4", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Normalize_EqualsTheImageNetDefault_WhenGivenImageNet()
    {
        using var scope = new DisposeScope();
        var rgb = Tensor.FromArray(Enumerable.Range(0, 48).Select(i => (byte)(i * 5)).ToArray(), [1, 1, 4, 4, 3]);

        var expected = FramePreprocessor.Normalize(rgb).ToArray<float>();
        var actual = FramePreprocessor.Normalize(rgb, PixelNormalization.ImageNet, meanImage: null).ToArray<float>();

        Assert.Equal(expected, actual);
        Assert.Equal(0.485f, FramePreprocessor.Normalize(Tensors.Zeros([1, 1, 1, 1, 3], ScalarType.UInt8)).ToArray<float>()[0] * -0.229f, 5);
    }

    [Fact]
    public void ReadConfig_UsesImageNet_WhenConfigJsonPredatesPixels()
    {
        var directory = Directory.CreateTempSubdirectory("vl-pixels-").FullName;
        try
        {
            var json = JsonSerializer.Serialize(ClipBertConfig.Tiny(17), Checkpoint.JsonOptions).Replace("\"pixels\"", "\"unused_pixels\"", StringComparison.Ordinal);
            File.WriteAllText(Path.Combine(directory, Checkpoint.ConfigFile), json);

            var config = Checkpoint.ReadConfig(directory);

            Assert.Equal(PixelNormalization.ImageNet, config.Pixels);
            Assert.Equal(ClipBertConfig.Tiny(17), config);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void Equals_ComparesTheLists_WhenReadBackFromJson()
    {
        var json = JsonSerializer.Serialize(PixelNormalization.CntkMeanImage, Checkpoint.JsonOptions);

        var read = JsonSerializer.Deserialize<PixelNormalization>(json, Checkpoint.JsonOptions);

        Assert.Equal(PixelNormalization.CntkMeanImage, read);
        Assert.NotEqual(PixelNormalization.ImageNet, read);
    }
}
