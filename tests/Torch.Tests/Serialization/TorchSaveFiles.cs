using System.Diagnostics;

namespace VideoLang.Torch.Tests.Serialization;

/// <summary>
/// Runs the checked-in make_pickles.py (Debian's python3-torch) once per test class: real
/// torch.save files in both formats with their expected values, and hostile files.
/// </summary>
public sealed class TorchSaveFiles : IDisposable
{
    public TorchSaveFiles()
    {
        var script = System.IO.Path.Combine(AppContext.BaseDirectory, "Serialization", "make_pickles.py");
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardError = true, RedirectStandardOutput = true };
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(Directory);
        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{script} failed ({process.ExitCode}); is python3-torch installed (bash ops/setup.sh)? {errors.Result}");
        }
    }

    public string Directory { get; } = System.IO.Directory.CreateTempSubdirectory("vl-pickles-").FullName;

    /// <summary>The file a hostile payload would create if anything ever ran it.</summary>
    public string Marker => Path("pwned");

    public string Path(string name) => System.IO.Path.Combine(Directory, name);

    public void Dispose() => System.IO.Directory.Delete(Directory, recursive: true);
}
