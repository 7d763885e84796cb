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
        var json = Header(names, tensors, metadata);
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

    private static byte[] Header(string[] names, IReadOnlyDictionary<string, Tensor> tensors, IReadOnlyDictionary<string, string>? metadata)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            if (metadata is { Count: > 0 })
            {
                writer.WriteStartObject("__metadata__");
                foreach (var (key, value) in metadata)
                {
                    writer.WriteString(key, value);
                }
                writer.WriteEndObject();
            }
            long offset = 0;
            foreach (var name in names)
            {
                var t = tensors[name];
                var bytes = t.NumberOfElements * t.Dtype.ElementSize();
                writer.WriteStartObject(name);
                writer.WriteString("dtype", SafetensorsDtype.Name(t.Dtype));
                writer.WriteStartArray("shape");
                foreach (var d in t.Shape)
                {
                    writer.WriteNumberValue(d);
                }
                writer.WriteEndArray();
                writer.WriteStartArray("data_offsets");
                writer.WriteNumberValue(offset);
                writer.WriteNumberValue(offset + bytes);
                writer.WriteEndArray();
                writer.WriteEndObject();
                offset += bytes;
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
