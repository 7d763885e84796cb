namespace VideoLang.Model.Configuration;

/// <summary>The order of colour channels a CNN was trained on: torchvision's RGB, or Caffe's and CNTK's BGR.</summary>
public enum ChannelOrder
{
    Rgb,
    Bgr,
}
