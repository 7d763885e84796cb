namespace VideoLang.Torch.Serialization;

/// <summary>
/// A file of tensors that is truncated, malformed, of an unknown format, or refused because it
/// asks for something a weights file never needs (a pickled global outside the allow-list, an
/// out-of-band buffer); the message names the file and what is wrong with it.
/// </summary>
public class TensorFileException : Exception
{
    public TensorFileException(string message)
        : base(message)
    {
    }

    public TensorFileException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TensorFileException()
    {
    }
}
