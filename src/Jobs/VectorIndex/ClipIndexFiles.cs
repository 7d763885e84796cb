using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace VideoLang.Jobs.VectorIndex;

/// <summary>
/// Saved indexes, three files each under the configured folder: USearch's own file, the row ids it holds
/// (little-endian int64s) and a JSON sidecar with the format version, tenant, model, dimensions,
/// quantization, row watermark and count. A file is trusted only if all three agree with each other and
/// with the running settings; otherwise it is deleted and the index rebuilt from the database.
/// </summary>
internal static class ClipIndexFiles
{
    /// <summary>Bump when the files' meaning changes; older files are then rebuilt, never misread.</summary>
    public const int Version = 1;

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static IEnumerable<SavedClipIndex> List(string folder)
    {
        foreach (var sidecar in Directory.EnumerateFiles(folder, "*.json"))
        {
            SavedClipIndex? saved;
            try
            {
                var record = JsonSerializer.Deserialize<Sidecar>(File.ReadAllText(sidecar), Json);
                saved = record is null ? null : new SavedClipIndex(record.Version, new ClipIndexKey(record.Tenant, record.ModelId), record.Dimensions,
                    record.Quantization, record.Watermark, record.Count, Path.ChangeExtension(sidecar, ".usearch"), Path.ChangeExtension(sidecar, ".keys"), sidecar);
            }
            catch (JsonException)
            {
                saved = null;
            }
            if (saved is null)
            {
                File.Delete(sidecar);
                continue;
            }
            yield return saved;
        }
    }

    public static ClipIndexPartition Load(SavedClipIndex saved, ClipIndexes indexes)
    {
        if (saved.Version != Version || saved.Quantization != indexes.Options.Quantization)
        {
            throw new InvalidDataException($"The saved index {saved.IndexPath} is format {saved.Version} with {saved.Quantization} vectors; this build writes format {Version} with {indexes.Options.Quantization}.");
        }
        var bytes = File.ReadAllBytes(saved.KeysPath);
        if (bytes.Length != saved.Count * sizeof(long))
        {
            throw new InvalidDataException($"{saved.KeysPath} holds {bytes.Length} bytes; its sidecar says {saved.Count} ids.");
        }
        var keys = new long[saved.Count];
        Buffer.BlockCopy(bytes, 0, keys, 0, bytes.Length);
        var index = indexes.New(saved.Dimensions);
        try
        {
            index.Load(saved.IndexPath);
            if (index.Count != saved.Count)
            {
                throw new InvalidDataException($"{saved.IndexPath} holds {index.Count} vectors; its sidecar says {saved.Count}.");
            }
            return new ClipIndexPartition(index, [.. keys]);
        }
        catch
        {
            index.Dispose();
            throw;
        }
    }

    public static void Save(string folder, ClipIndexKey key, ClipIndexPartition partition, long watermark)
    {
        Directory.CreateDirectory(folder);
        var stem = Path.Combine(folder, Stem(key));
        var keys = partition.Snapshot();
        // Written under temporary names and moved into place, sidecar last: a crash mid-save leaves the
        // previous save or a set that fails its checks, never a half-written index taken as whole.
        partition.Index.Save(stem + ".usearch.tmp");
        var bytes = new byte[keys.Length * sizeof(long)];
        Buffer.BlockCopy(keys, 0, bytes, 0, bytes.Length);
        File.WriteAllBytes(stem + ".keys.tmp", bytes);
        var sidecar = new Sidecar(Version, key.Tenant, key.ModelId, partition.Dimensions, partition.Index.Quantization, watermark, keys.Length);
        File.WriteAllText(stem + ".json.tmp", JsonSerializer.Serialize(sidecar, Json));
        File.Move(stem + ".usearch.tmp", stem + ".usearch", overwrite: true);
        File.Move(stem + ".keys.tmp", stem + ".keys", overwrite: true);
        File.Move(stem + ".json.tmp", stem + ".json", overwrite: true);
    }

    public static void Delete(SavedClipIndex saved)
    {
        File.Delete(saved.SidecarPath);
        File.Delete(saved.IndexPath);
        File.Delete(saved.KeysPath);
    }

    /// <summary>A file name from the model and a hash of the tenant (tenant names may hold any character).</summary>
    private static string Stem(ClipIndexKey key) =>
        $"{key.ModelId:N}-{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key.Tenant)))[..16]}";

    private sealed record Sidecar(int Version, string Tenant, Guid ModelId, int Dimensions, IndexQuantization Quantization, long Watermark, int Count);
}
