using System.Text;
using VideoLang.Torch.Serialization;

namespace VideoLang.Torch.Tests.Serialization;

[Collection(TorchCollection.Name)]
public sealed class SafetensorsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-safetensors-").FullName;
    private readonly DisposeScope _scope = new();

    public void Dispose()
    {
        _scope.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Fact]
    public void SaveThenLoad_RoundTripsF32F16Bf16I64AndMetadata()
    {
        var path = Path.Combine(_directory, "model.safetensors");
        var tensors = new Dictionary<string, Tensor>
        {
            ["encoder.weight"] = Tensor.FromArray([1f, -2f, 3.5f, 0f, 5f, 6f], [2, 3]),
            ["half"] = Tensor.FromArray([(Half)0.5, (Half)(-1)]),
            ["bf16"] = Tensor.FromSpan<ushort>([0x3F80, 0x4000], [2], ScalarType.BFloat16),
            ["steps"] = Tensor.Scalar(42L),
        };
        Safetensors.Save(path, tensors, new Dictionary<string, string> { ["format"] = "pt" });
        using var file = SafetensorsFile.Open(path);
        Assert.Equal("pt", file.Metadata["format"]);
        Assert.Equal([2L, 3L], file.Entry("encoder.weight").Shape);
        var loaded = file.LoadAll();
        Assert.Equal(tensors["encoder.weight"].ToArray<float>(), loaded["encoder.weight"].ToArray<float>());
        Assert.Equal(tensors["half"].ToArray<Half>(), loaded["half"].ToArray<Half>());
        Assert.Equal([1f, 2f], loaded["bf16"].To(ScalarType.Float32).ToArray<float>());
        Assert.Empty(loaded["steps"].Shape);
        Assert.Equal(42L, loaded["steps"].Item<long>());
    }

    [Fact]
    public void Load_ReadsAFileWrittenByteByByte()
    {
        // Header as the reference writer lays it out, then two little-endian tensors.
        var header = "{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"I64\",\"shape\":[1,1],\"data_offsets\":[8,16]}}";
        var bytes = new List<byte>();
        bytes.AddRange(BitConverter.GetBytes((long)header.Length));
        bytes.AddRange(Encoding.ASCII.GetBytes(header));
        bytes.AddRange(BitConverter.GetBytes(1.5f));
        bytes.AddRange(BitConverter.GetBytes(-4f));
        bytes.AddRange(BitConverter.GetBytes(1234567890123L));
        var path = Write("hand.safetensors", [.. bytes]);
        var loaded = Safetensors.Load(path);
        Assert.Equal([1.5f, -4f], loaded["a"].ToArray<float>());
        Assert.Equal([1L, 1L], loaded["b"].Shape);
        Assert.Equal(1234567890123L, loaded["b"].Item<long>());
    }

    public static TheoryData<string, string> Malformed => new()
    {
        { "tiny", "too short" },
        { "huge-header", "the header claims" },
        { "bad-json", "not valid JSON" },
        { "out-of-range", "truncated file?" },
        { "wrong-size", "needs 8 bytes but spans 4" },
        { "overlap", "overlaps" },
        { "bad-dtype", "unsupported dtype 'F8'" },
        { "trailing", "cover 4 bytes but the data section holds 8" },
    };

    [Theory]
    [MemberData(nameof(Malformed))]
    public void Open_ThrowsSafetensorsExceptionNamingTheProblem_WhenFileIsMalformed(string kind, string expected)
    {
        byte[] bytes = kind switch
        {
            "tiny" => [1, 2, 3],
            "huge-header" => [.. BitConverter.GetBytes(1L << 40), .. "{}"u8.ToArray()],
            _ => File(kind),
        };
        var path = Write(kind, bytes);
        var e = Assert.Throws<SafetensorsException>(() => SafetensorsFile.Open(path));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains(path, e.Message, StringComparison.Ordinal);
    }

    private static byte[] File(string kind)
    {
        var (header, data) = kind switch
        {
            "bad-json" => ("{\"a\": [", 0),
            "out-of-range" => ("{\"a\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8),
            "wrong-size" => ("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,4]}}", 4),
            "overlap" => ("{\"a\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]},\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]}}", 8),
            "bad-dtype" => ("{\"a\":{\"dtype\":\"F8\",\"shape\":[1],\"data_offsets\":[0,1]}}", 1),
            "trailing" => ("{\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}", 8),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
        return [.. BitConverter.GetBytes((long)header.Length), .. Encoding.ASCII.GetBytes(header), .. new byte[data]];
    }

    private string Write(string name, byte[] bytes)
    {
        var path = Path.Combine(_directory, name);
        System.IO.File.WriteAllBytes(path, bytes);
        return path;
    }
}
