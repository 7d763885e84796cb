namespace VideoLang.Jobs.Inference;

/// <summary>
/// A request needs a model in a role that nothing fills, or a model was asked to take a role its kind
/// cannot (an embedder as cross-encoder). Not retried: an administrator must activate a model first.
/// </summary>
public sealed class ModelRoleException : InvalidOperationException
{
    public ModelRoleException()
    {
    }

    public ModelRoleException(string message)
        : base(message)
    {
    }

    public ModelRoleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
