namespace VideoLang.Torch;

/// <summary>Device kinds, numbered as <c>c10::DeviceType</c>.</summary>
public enum DeviceType
{
    Cpu = 0,
    Cuda = 1,
}
