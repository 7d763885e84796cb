namespace VideoLang.Torch.Serialization;

/// <summary>Opens a file of named tensors with the reader its first bytes call for.</summary>
public static class TensorFiles
{
    /// <exception cref="SafetensorsException">The file is neither safetensors nor a format read here.</exception>
    public static ITensorFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }
        // REVIEW: PyTorch's zip and legacy pickle formats are added by the pickle reader.
        return SafetensorsFile.Open(path);
    }
}
