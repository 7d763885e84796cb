namespace VideoLang.Model.Checkpoints;

/// <summary>Which part of the model a file of published weights fills.</summary>
public enum WeightSourceKind
{
    /// <summary>A HuggingFace BERT (<c>BertModel</c> or <c>BertForPreTraining</c> names) for <c>bert.*</c>.</summary>
    Bert,

    /// <summary>A torchvision or timm ResNet-18/34/50 for <c>cnn.backbone.*</c>.</summary>
    ResNet,
}
