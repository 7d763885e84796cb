namespace VideoLang.Model.Checkpoints;

/// <summary>A checkpoint folder that is missing, incomplete or corrupt; the message names the file and what to do.</summary>
public sealed class CheckpointException : Exception
{
    public CheckpointException(string message)
        : base(message)
    {
    }

    public CheckpointException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CheckpointException()
    {
    }
}
