namespace VideoLang.Torch.Serialization;

/// <summary>Opens a file of named tensors with the reader its first bytes call for.</summary>
public static class TensorFiles
{
    /// <summary>
    /// Opens a safetensors file (8-byte header length, then a JSON object), a PyTorch zip file
    /// (<c>PK</c>) or a legacy PyTorch pickle (a pickle's <c>0x80</c> protocol byte), whatever its extension.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="path"/>.</exception>
    /// <exception cref="TensorFileException">The file is none of these formats, or is truncated, malformed or refused by its reader.</exception>
    public static ITensorFile Open(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} does not exist.", path);
        }
        Span<byte> head = stackalloc byte[9];
        int read;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            read = stream.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        }
        head = head[..read];
        // A safetensors header is a JSON object; its length is left to the reader, which says precisely
        // how a truncated file is cut. Checked first: the length's low byte may be 0x80, like a pickle's.
        if (read == 9 && head[8] == (byte)'{')
        {
            return SafetensorsFile.Open(path);
        }
        if (head.StartsWith("PK\x03\x04"u8) || (read > 0 && head[0] == 0x80))
        {
            return PickledTensorFile.Open(path);
        }
        throw new TensorFileException(
            $"{path}: not a safetensors or PyTorch file ({(read == 0 ? "it is empty" : "it starts with bytes " + Convert.ToHexString(head))}); " +
            "weights are read from .safetensors files and from .pt/.bin/.pth files written by torch.save.");
    }
}
