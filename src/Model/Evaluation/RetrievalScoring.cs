namespace VideoLang.Model.Evaluation;

/// <summary>How text→video retrieval scores a caption against a video.</summary>
public enum RetrievalScoring
{
    /// <summary>The cross-encoder's match score (ITM, ClipBERT's retrieval), clips aggregated by the consensus.</summary>
    CrossEncoder,

    /// <summary>The dual encoder's similarity: search's cheap first stage on its own.</summary>
    DualEncoder,

    /// <summary>The sum of both, each a logit: what two-stage search ranks its candidates by.</summary>
    Combined,
}
