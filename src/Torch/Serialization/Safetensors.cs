using System.Text;
using System.Text.Json;

namespace VideoLang.Torch.Serialization;

/// <summary>Reads and writes the safetensors format (HuggingFace), the format of our checkpoints.</summary>
public static class Safetensors
{
    /// <summary>Loads every tensor of a file.</summary>
    public static Dictionary<string, Tensor> Load(string path, Device? device = null)
    {
        using var file = SafetensorsFile.Open(path);
        return file.LoadAll(device);
    }

    /// <summary>
    /// Writes <paramref name="tensors"/> in name order, with the header padded to 8 bytes as the
    /// reference writer does. The file is written beside the target and renamed over it, so a crash
    /// never leaves a half-written checkpoint.
    /// </summary>
    public static void Save(string path, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(tensors);
        var names = tensors.Keys.Order(StringComparer.Ordinal).ToArray();
        var header = new Dictionary<string, object>();
        if (metadata is { Count: > 0 })
        {
            header["__metadata__"] = metadata;
        }
        long offset = 0;
        foreach (var name in names)
        {
            var t = tensors[name];
            var bytes = t.NumberOfElements * t.Dtype.ElementSize();
            header[name] = new { dtype = SafetensorsDtype.Name(t.Dtype), shape = t.Shape, data_offsets = new[] { offset, offset + bytes } };
            offset += bytes;
        }
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(header));
        var padded = (json.Length + 7) / 8 * 8;
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(BitConverter.GetBytes((long)padded));
            stream.Write(json);
            stream.Write(Enumerable.Repeat((byte)' ', padded - json.Length).ToArray());
            foreach (var name in names)
            {
                stream.Write(tensors[name].ToBytes());
            }
        }
        File.Move(temporary, path, overwrite: true);
    }
}
