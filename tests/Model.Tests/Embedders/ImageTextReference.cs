using VideoLang.Torch;
using VideoLang.Torch.Serialization;

using VideoLang.Model.Tests.Reference;

namespace VideoLang.Model.Tests.Embedders;

/// <summary>
/// Runs the checked-in make_image_text_reference.py (Debian's python3-torch) once per test collection:
/// published model folders (HF CLIP with quick_gelu and with gelu, open_clip, HF SigLIP) with random
/// weights, and PyTorch's outputs for fixed inputs.
/// </summary>
public sealed class ImageTextReference : IDisposable
{
    public static readonly string[] Models = ["hf_clip_quick_gelu", "hf_clip_gelu", "open_clip", "hf_siglip"];

    private readonly string _directory = Directory.CreateTempSubdirectory("vl-image-text-reference-").FullName;

    public ImageTextReference()
    {
        PythonScript.Run(Path.Combine("Embedders", "make_image_text_reference.py"), _directory);
    }

    /// <summary>The published folder of one model, as the script wrote it (read-only: copy it before changing anything).</summary>
    public string Folder(string model) => Path.Combine(_directory, model);

    /// <summary>A fresh copy of one model's folder under <paramref name="parent"/>, to damage in a test.</summary>
    public string Copy(string model, string parent)
    {
        var target = Path.Combine(parent, model);
        Directory.CreateDirectory(target);
        foreach (var file in Directory.EnumerateFiles(Folder(model)))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return target;
    }

    /// <summary>The inputs and PyTorch's outputs for one model, owned by the caller.</summary>
    public Dictionary<string, Tensor> Outputs(string model) => Safetensors.Load(Path.Combine(Folder(model), "reference.safetensors"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
