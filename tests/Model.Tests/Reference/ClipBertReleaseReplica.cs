using VideoLang.Torch;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Tests.Reference;

/// <summary>
/// Runs the checked-in clipbert_release.py once per test class: a small replica of ClipBERT's released
/// files under ClipBERT's names (as .pt, legacy .pt and safetensors), its inputs and its outputs.
/// </summary>
public sealed class ClipBertReleaseReplica : IDisposable
{
    public ClipBertReleaseReplica()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("vl-clipbert-release-").FullName;
        PythonScript.Run(Path.Combine("Reference", "clipbert_release.py"), Directory);
    }

    /// <summary>The folder holding the replica's files (clipbert_image_text_pretrained.pt, grid_feat_R-50.pth, ... and reference.safetensors).</summary>
    public string Directory { get; }

    public string File(string name) => Path.Combine(Directory, name);

    /// <summary>Every tensor of one of the replica's safetensors files, owned by the caller.</summary>
    public Dictionary<string, Tensor> Load(string name) => Safetensors.Load(File(name));

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
