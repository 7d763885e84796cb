namespace VideoLang.Jobs.QuestionAnswering;

/// <summary>A QA batch was refused as submitted (empty, too large, a question about a video the tenant does not have); the message says which item and why.</summary>
public sealed class QaSubmissionException : Exception
{
    public QaSubmissionException()
    {
    }

    public QaSubmissionException(string message)
        : base(message)
    {
    }

    public QaSubmissionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
