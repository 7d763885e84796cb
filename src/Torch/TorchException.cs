namespace VideoLang.Torch;

/// <summary>
/// An error raised by libtorch (a shape mismatch, an unknown operator, a bad argument), carrying
/// libtorch's own message. The native call that raised it has been unwound; the process carries on.
/// </summary>
public sealed class TorchException : Exception
{
    public TorchException(string message)
        : base(message)
    {
    }

    public TorchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public TorchException()
    {
    }
}
