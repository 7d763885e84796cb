namespace VideoLang.Torch.Optim;

/// <summary>
/// Parameters that share a learning rate and weight decay (ClipBERT trains the CNN and the
/// transformer at different rates). <see cref="LearningRate"/> is what the next step uses;
/// schedules set it from <see cref="BaseLearningRate"/>.
/// </summary>
public sealed class ParameterGroup
{
    public ParameterGroup(string name, IEnumerable<Tensor> parameters, double learningRate, double weightDecay = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(learningRate);
        ArgumentOutOfRangeException.ThrowIfNegative(weightDecay);
        Name = name;
        Parameters = parameters.ToArray();
        BaseLearningRate = LearningRate = learningRate;
        WeightDecay = weightDecay;
    }

    public string Name { get; }

    public IReadOnlyList<Tensor> Parameters { get; }

    public double BaseLearningRate { get; }

    public double LearningRate { get; set; }

    public double WeightDecay { get; }
}
