namespace VideoLang.Model.Heads;

/// <summary>The dual encoder's training loss.</summary>
public enum ContrastiveObjective
{
    Clip,
    SigLip,
}
