namespace VideoLang.Torch.Serialization;

/// <summary>A safetensors file that is truncated, malformed or inconsistent; the message says where.</summary>
public sealed class SafetensorsException : TensorFileException
{
    public SafetensorsException(string message)
        : base(message)
    {
    }

    public SafetensorsException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SafetensorsException()
    {
    }
}
