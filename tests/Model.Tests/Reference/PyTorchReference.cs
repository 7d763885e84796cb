using VideoLang.Torch;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Tests.Reference;

/// <summary>
/// Runs the checked-in make_reference.py (Debian's python3-torch and torchvision) once per test
/// class and opens what it wrote: random weights under published names, inputs and PyTorch's outputs.
/// </summary>
public sealed class PyTorchReference : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("vl-reference-").FullName;

    public PyTorchReference()
    {
        PythonScript.Run(Path.Combine("Reference", "make_reference.py"), _directory);
    }

    /// <summary>Every tensor of one reference file, owned by the caller.</summary>
    public Dictionary<string, Tensor> Load(string name) => Safetensors.Load(Path.Combine(_directory, name + ".safetensors"));

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>The largest absolute difference, and the largest magnitude of the expected values.</summary>
    public static (double Difference, double Scale) Compare(Tensor expected, Tensor actual)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        using var scope = new DisposeScope();
        var e = expected.To(ScalarType.Float64);
        var difference = (e - actual.To(ScalarType.Float64)).Abs().Max().Item<double>();
        return (difference, e.Abs().Max().Item<double>());
    }
}
