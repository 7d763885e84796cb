using VideoLang.Torch.Serialization;

namespace VideoLang.Torch.Tests.Serialization;

[Collection(TorchCollection.Name)]
public sealed class PickledTensorFileTests(TorchSaveFiles files) : IClassFixture<TorchSaveFiles>, IDisposable
{
    private static readonly string[] s_stateNames =
    [
        "f32", "f16", "bf16", "f64", "i64", "i32", "i16", "i8", "u8", "bool", "scalar", "empty",
        "transposed", "view_a", "view_b", "param", "expanded", "channels_last",
    ];

    private readonly DisposeScope _scope = new();

    public void Dispose() => _scope.Dispose();

    [Theory]
    [InlineData("state.zip.pt", PyTorchFileFormat.Zip)]
    [InlineData("state.legacy.pt", PyTorchFileFormat.Legacy)]
    [InlineData("state.zip64.pt", PyTorchFileFormat.Zip)] // sizes and offsets in zip64 fields, as in files over 4 GiB
    [InlineData("state.p4.pt", PyTorchFileFormat.Zip)]
    [InlineData("state.p5.pt", PyTorchFileFormat.Zip)]
    public void Load_EqualsPyTorchBitForBit_ForEveryDtypeViewAndLayout(string name, PyTorchFileFormat format)
    {
        using var file = Assert.IsType<PickledTensorFile>(TensorFiles.Open(files.Path(name)));

        Assert.Equal(format, file.Format);
        Assert.Equal(s_stateNames, file.Names);
        Assert.Null(file.StateDictKey);
        Assert.Empty(file.Ignored);
        AssertEqualsExpected(file, "state.expected.safetensors");
    }

    [Theory]
    [InlineData("nested.zip.pt")]
    [InlineData("nested.legacy.pt")]
    public void Open_ExposesTheModelsTensors_WhenTheFileIsACheckpointWithOptimizerAndEpoch(string name)
    {
        using var file = Assert.IsType<PickledTensorFile>(TensorFiles.Open(files.Path(name)));

        Assert.Equal("model", file.StateDictKey);
        Assert.Equal(["0.weight", "0.bias", "1.weight", "1.bias"], file.Names);
        Assert.Equal(["optimizer", "epoch", "note"], file.Ignored);
        AssertEqualsExpected(file, "nested.expected.safetensors");
    }

    [Fact]
    public void Info_GivesDtypeAndShapeWithoutReadingData_ForAViewOfASharedStorage()
    {
        using var file = TensorFiles.Open(files.Path("state.zip.pt"));

        Assert.Equal(("view_a", ScalarType.Float32), (file.Info("view_a").Name, file.Info("view_a").Dtype));
        Assert.Equal([2L, 3L], file.Info("view_a").Shape);
        Assert.Equal([5L], file.Info("view_b").Shape);
        Assert.Empty(file.Info("scalar").Shape);
        Assert.Equal(ScalarType.BFloat16, file.Info("bf16").Dtype);
    }

    [Fact]
    public void Load_LeavesOnlyTheReturnedTensorAlive_WhenTheSavedTensorIsAStridedView()
    {
        using var file = TensorFiles.Open(files.Path("state.legacy.pt"));
        var before = SettledLiveCount();

        var transposed = file.Load("transposed");

        Assert.Equal(before + 1, SettledLiveCount());
        transposed.Dispose();
        Assert.Equal(before, SettledLiveCount());
    }

    [Fact]
    public void Load_ThrowsNamingTheFile_WhenTheTensorIsUnknown()
    {
        var path = files.Path("state.zip.pt");
        using var file = TensorFiles.Open(path);

        var error = Assert.Throws<KeyNotFoundException>(() => file.Load("nope"));

        Assert.Equal($"{path} has no tensor named 'nope'.", error.Message);
    }

    [Theory]
    [InlineData("system.pkl", "posix.system")]
    [InlineData("eval.pkl", "__builtin__.eval")] // protocol 2 names builtins as Python 2 did
    [InlineData("system.zip.pt", "posix.system")]
    [InlineData("system.legacy.pt", "posix.system")]
    [InlineData("exec.zip.pt", "__builtin__.exec")]
    [InlineData("module.pt", "torch.nn.modules.linear.Linear")]
    public void Open_RefusesTheGlobalAndRunsNothing_WhenThePickleNamesOneOutsideTheAllowList(string name, string global)
    {
        var path = files.Path(name);

        var error = Assert.Throws<TensorFileException>(() => TensorFiles.Open(path));

        Assert.True(error.Message.StartsWith($"{path}: the pickle names the global '{global}' (at byte ", StringComparison.Ordinal), error.Message);
        Assert.Contains("nothing in it is ever executed", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(files.Marker), "a hostile payload ran");
    }

    [Theory]
    [InlineData("missing_storage.pt", ": two.zip/data.pkl refers to storage '1' but the archive has no entry 'two.zip/data/1'")]
    [InlineData("short_storage.pt", ": storage '1' claims 3 Float32 elements (12 bytes) but its entry 'two.zip/data/1' holds 5 bytes.")]
    [InlineData("overreach.pt", ": a tensor of size [9], stride [1] at offset 0 reads elements up to 9 of storage '0', which holds 4 (at byte ")]
    [InlineData("truncated.zip.pt", ": no end-of-central-directory record: the zip archive is truncated.")]
    [InlineData("truncated.legacy.pt", "bytes remain (truncated or corrupt).")]
    [InlineData("huge_count.legacy.pt", " claims 1000000000 Float32 elements at byte ")]
    [InlineData("big_endian.pt", ": 'two.zip/byteorder' says the data is 'big'-endian; only little-endian files are read here")]
    [InlineData("big_endian.legacy.pt", ": the system-info pickle does not say little_endian=True")]
    [InlineData("random.bin", ": not a safetensors or PyTorch file (it starts with bytes 17")]
    [InlineData("random_pickle.bin", "is not one a torch.save state dict uses")]
    [InlineData("huge_string.pt", ": 2147483647 bytes are needed but only 4 are left: the pickle is truncated or a length is corrupt (at byte 2 of the magic-number pickle).")]
    [InlineData("huge_string.zip.pt", ": 2147483647 bytes are needed but only 4 are left: the pickle is truncated or a length is corrupt (at byte 2 of x/data.pkl).")]
    [InlineData("deep.pkl", " holds a pickle that does not start with torch.save's magic number: it is a plain pickle, not a PyTorch weights file.")]
    [InlineData("marks.pkl", ": more than 4096 nested marks (at byte 4098 of the magic-number pickle).")]
    [InlineData("script.pt", " is a TorchScript archive (torch.jit.save), which holds code")]
    [InlineData("ambiguous.pt", " holds several dicts of tensors ('a', 'b'), so which one is the model's state dict is ambiguous")]
    [InlineData("list.pt", " holds a list, not a state dict (a dict of named tensors).")]
    public void Open_ThrowsNamingTheFileAndTheProblem_WhenTheFileIsDamagedOrNotAStateDict(string name, string expected)
    {
        var path = files.Path(name);

        var error = Assert.Throws<TensorFileException>(() => TensorFiles.Open(path));

        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Contains(expected, StringComparison.Ordinal), error.Message);
        Assert.False(File.Exists(files.Marker), "a hostile payload ran");
    }

    private static long SettledLiveCount()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        return Tensor.LiveCount;
    }

    private void AssertEqualsExpected(ITensorFile file, string expectedName)
    {
        using var expected = SafetensorsFile.Open(files.Path(expectedName));
        Assert.Equal(expected.Names.Order(StringComparer.Ordinal), file.Names.Order(StringComparer.Ordinal));
        foreach (var name in file.Names)
        {
            var want = expected.Load(name);
            var info = file.Info(name);
            var got = file.Load(name);
            Assert.Equal(want.Dtype, info.Dtype);
            Assert.Equal(want.Shape, info.Shape);
            Assert.Equal(want.Dtype, got.Dtype);
            Assert.Equal(want.Shape, got.Shape);
            Assert.True(want.ToBytes().SequenceEqual(got.ToBytes()), $"{file.Path}: '{name}' differs from PyTorch's values");
        }
    }
}
