using VideoLang.Torch.Serialization;

namespace VideoLang.Torch.Tests.Serialization;

[Collection(TorchCollection.Name)]
public sealed class TensorFilesTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-tensorfiles-").FullName;
    private readonly DisposeScope _scope = new();

    public void Dispose()
    {
        _scope.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void Open_ReadsSafetensors_WhenTheHeaderLengthStartsWithAPickleProtocolByte()
    {
        var path = Path.Combine(_directory, "weights.bin");
        var tensors = new Dictionary<string, Tensor> { ["w"] = Tensor.FromArray([1f, 2f]) };
        // Grow the metadata until the padded header is 0x80 bytes long: its first byte then looks like a pickle's PROTO.
        for (var pad = 0; File.Exists(path) is false || File.ReadAllBytes(path)[0] != 0x80; pad++)
        {
            Safetensors.Save(path, tensors, new Dictionary<string, string> { ["pad"] = new string('x', pad) });
        }

        using var file = TensorFiles.Open(path);

        Assert.IsType<SafetensorsFile>(file);
        Assert.Equal([1f, 2f], file.Load("w").ToArray<float>());
    }

    [Fact]
    public void Open_ThrowsFileNotFound_WhenThereIsNoFile()
    {
        var path = Path.Combine(_directory, "missing.bin");

        var error = Assert.Throws<FileNotFoundException>(() => TensorFiles.Open(path));

        Assert.Equal($"{path} does not exist.", error.Message);
    }

    [Theory]
    [InlineData("", "(it is empty)")]
    [InlineData("GIF89a", "(it starts with bytes 474946383961)")]
    public void Open_ThrowsNamingTheFile_WhenItIsNeitherSafetensorsNorPyTorch(string content, string expected)
    {
        var path = Path.Combine(_directory, "weights.pt");
        File.WriteAllText(path, content);

        var error = Assert.Throws<TensorFileException>(() => TensorFiles.Open(path));

        Assert.StartsWith($"{path}: not a safetensors or PyTorch file {expected}; ", error.Message, StringComparison.Ordinal);
    }
}
