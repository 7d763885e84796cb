using VideoLang.Model.Checkpoints;

namespace VideoLang.Model.Tests.Checkpoints;

public sealed class ClipBertReleaseNamesTests
{
    [Theory]
    [InlineData("stem.conv1.weight", "conv1.weight")]
    [InlineData("stem.conv1.norm.running_var", "bn1.running_var")]
    [InlineData("res2.0.conv1.weight", "layer1.0.conv1.weight")]
    [InlineData("res3.3.conv2.norm.bias", "layer2.3.bn2.bias")]
    [InlineData("res4.5.conv3.norm.running_mean", "layer3.5.bn3.running_mean")]
    [InlineData("res5.0.shortcut.weight", "layer4.0.downsample.0.weight")]
    [InlineData("res5.0.shortcut.norm.weight", "layer4.0.downsample.1.weight")]
    [InlineData("res2.0.conv1.norm.num_batches_tracked", "layer1.0.bn1.num_batches_tracked")]
    public void TorchvisionName_RenamesDetectronsResNet_WhenTheNameIsABackboneTensor(string detectron2, string torchvision)
    {
        Assert.Equal(torchvision, ClipBertReleaseNames.TorchvisionName(detectron2));
    }

    [Theory]
    [InlineData("res6.0.conv1.weight")]
    [InlineData("res1.0.conv1.weight")]
    [InlineData("res2.x.conv1.weight")]
    [InlineData("res2.0.conv4.weight")]
    [InlineData("res2.0.conv1.norm.scale")]
    [InlineData("stem.fc.weight")]
    [InlineData("fpn_lateral2.weight")]
    public void TorchvisionName_ReturnsNull_WhenTheNameIsNotPartOfTheResNet(string detectron2)
    {
        Assert.Null(ClipBertReleaseNames.TorchvisionName(detectron2));
    }

    [Theory]
    [InlineData("transformer.bert.encoder.layer.11.attention.self.query.weight", "bert.encoder.layer.11.attention.self.query.weight")]
    [InlineData("transformer.bert.embeddings.word_embeddings.weight", "bert.embeddings.word_embeddings.weight")]
    [InlineData("transformer.bert.visual_embeddings.col_position_embeddings.weight", "visual_embeddings.col_position_embeddings.weight")]
    [InlineData("cnn.grid_encoder.0.weight", "cnn.grid_encoder.conv.weight")]
    [InlineData("cnn.feature.backbone.res4.0.shortcut.norm.bias", "cnn.backbone.layer3.0.downsample.1.bias")]
    [InlineData("transformer.classifier.0.weight", null)]
    [InlineData("transformer.bert.visual_embeddings.temporal_position_embeddings.weight", null)]
    public void Target_MapsClipBertsNames_WhenGivenThePreTrainedModel(string clipBert, string? ours)
    {
        Assert.Equal(ours, ClipBertReleaseNames.Target(ClipBertReleaseLayout.EndToEnd, clipBert));
    }

    [Theory]
    [InlineData("cnn.feature.roi_heads.box_predictor.cls_score.weight")]
    [InlineData("cnn.feature.proposal_generator.rpn_head.conv.weight")]
    [InlineData("cnn.feature.pixel_mean")]
    [InlineData("transformer.cls.predictions.decoder.weight")]
    [InlineData("transformer.bert.visual_embeddings.position_embeddings.weight")]
    public void IgnoredBecause_GivesAReason_WhenClipBertDoesNotUseTheTensor(string clipBert)
    {
        Assert.NotNull(ClipBertReleaseNames.IgnoredBecause(ClipBertReleaseLayout.EndToEnd, clipBert));
        Assert.Null(ClipBertReleaseNames.Target(ClipBertReleaseLayout.EndToEnd, clipBert));
    }
}
