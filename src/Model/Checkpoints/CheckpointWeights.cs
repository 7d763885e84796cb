using System.Security.Cryptography;
using VideoLang.Torch;
using VideoLang.Torch.NN;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Checkpoints;

/// <summary>
/// The weights file of a checkpoint folder, for every kind of model kept that way (ClipBERT, image-text
/// embedders): its checksum written on save and checked on load, and a strict load into a built model.
/// </summary>
internal static class CheckpointWeights
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Refuses a weights file that is not the one its checksum file describes.</summary>
    public static void Verify(string weights, string checksumFile)
    {
        var expected = File.ReadAllText(checksumFile).Trim();
        var actual = Sha256(weights);
        if (!string.Equals(expected, actual, StringComparison.OrdinalIgnoreCase))
        {
            throw new CheckpointException($"{weights} does not match its checksum ({actual} instead of {expected}): the file is corrupt or was replaced.");
        }
    }

    /// <summary>
    /// Loads <paramref name="weights"/> into <paramref name="model"/> (every tensor, no more, no fewer), moves it to
    /// <paramref name="device"/> and puts it in eval mode; on failure the model is disposed.
    /// </summary>
    public static T LoadInto<T>(T model, string weights, Device? device) where T : Module
    {
        try
        {
            using var scope = new DisposeScope();
            using var file = SafetensorsFile.Open(weights);
            var result = model.LoadStateDict(file.LoadAll(), strict: false);
            if (!result.IsExact)
            {
                throw new CheckpointException($"{weights} does not fit its config.json: {result}.");
            }
            if (device is { } target && target.Type != DeviceType.Cpu)
            {
                model.To(target);
            }
        }
        catch (Exception e) when (e is TensorFileException or InvalidOperationException)
        {
            model.Dispose();
            throw new CheckpointException($"{weights} could not be loaded: {e.Message}", e);
        }
        catch
        {
            model.Dispose();
            throw;
        }
        model.Eval();
        return model;
    }
}
