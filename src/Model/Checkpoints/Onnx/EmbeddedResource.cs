using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace VideoLang.Model.Checkpoints.Onnx;

/// <summary>
/// Reads a resource embedded in a .NET assembly from the file's metadata (ECMA-335 §II.24.2.6:
/// the CLI header's resources directory holds each resource as a 4-byte length then its bytes),
/// without loading the assembly: nothing in the package's DLL is ever run.
/// </summary>
internal static class EmbeddedResource
{
    public static byte[] Read(string assemblyPath, string resourceName)
    {
        if (!File.Exists(assemblyPath))
        {
            throw new WeightImportException($"No assembly at {assemblyPath}: the file does not exist.");
        }
        using var stream = File.OpenRead(assemblyPath);
        try
        {
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.ManifestResources)
            {
                var resource = metadata.GetManifestResource(handle);
                if (!metadata.StringComparer.Equals(resource.Name, resourceName))
                {
                    continue;
                }
                if (!resource.Implementation.IsNil)
                {
                    throw new WeightImportException($"{assemblyPath}: resource '{resourceName}' lives in another file; only resources embedded in the assembly are read.");
                }
                var directory = pe.PEHeaders.CorHeader?.ResourcesDirectory
                    ?? throw new WeightImportException($"{assemblyPath} has no CLI header; it is not a .NET assembly.");
                var start = checked(directory.RelativeVirtualAddress + (int)resource.Offset);
                var block = pe.GetSectionData(start);
                if (block.Length < 4)
                {
                    throw new WeightImportException($"{assemblyPath}: resource '{resourceName}' points past the resources section; the file is truncated or corrupt.");
                }
                var reader = block.GetReader();
                var length = reader.ReadInt32();
                if (length < 0 || length > reader.RemainingBytes)
                {
                    throw new WeightImportException($"{assemblyPath}: resource '{resourceName}' claims {length} bytes past the end of the file; the file is truncated or corrupt.");
                }
                return reader.ReadBytes(length);
            }
        }
        catch (BadImageFormatException e)
        {
            throw new WeightImportException($"{assemblyPath} is not a readable .NET assembly ({e.Message}).", e);
        }
        throw new WeightImportException($"{assemblyPath} embeds no resource named '{resourceName}'; is it the right package version?");
    }
}
