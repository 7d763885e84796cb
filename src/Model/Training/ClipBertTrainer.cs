using System.Diagnostics;
using VideoLang.Model.Configuration;
using VideoLang.Model.Evaluation;
using VideoLang.Model.Heads;
using VideoLang.Model.Vision;
using VideoLang.Torch;
using VideoLang.Torch.Autograd;
using VideoLang.Torch.NN;
using VideoLang.Torch.Optim;
using VideoLang.Torch.Serialization;

namespace VideoLang.Model.Training;

/// <summary>
/// Trains a <see cref="ClipBertModel"/> on a <see cref="TrainingSet"/> with ClipBERT's recipe: per
/// step, N_train random clips per video; image-text matching with one random negative caption per
/// positive (plus, if asked, hard negatives: the most similar captions of other videos); open-ended
/// QA; multi-label tags; the dual encoder's contrastive loss; and, if asked, a training-only tag
/// classifier on the pooled visual tokens and time reversal (clips played backwards, trained with
/// what is true of them so). Clip logits are aggregated (LogSumExp by default) before each loss.
/// AdamW with separate CNN and transformer rates, warm-up then linear decay, gradient clipping.
/// </summary>
public sealed class ClipBertTrainer : IDisposable
{
    private readonly ClipBertModel _model;
    private readonly TrainingOptions _options;
    private readonly AdamW _optimizer;
    private readonly Linear? _visualTags;
    private readonly MaskedLanguageHead? _maskedLanguage;
    private Random _random;
    private readonly Device _device;
    private (TrainingSet Data, CaptionNeighbours Neighbours)? _neighbours;

    public ClipBertTrainer(ClipBertModel model, TrainingOptions options, Device? device = null)
    {
        _model = model ?? throw new ArgumentNullException(nameof(model));
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _device = device ?? Device.Cpu;
        _random = new Random(options.Seed);
        var cnn = model.Cnn.Parameters().Where(p => p.RequiresGrad).ToHashSet(ReferenceEqualityComparer.Instance);
        var rest = model.Parameters().Where(p => p.RequiresGrad && !cnn.Contains(p));
        if (options.VisualTagging && model.Config.TagCount > 0)
        {
            // Not part of the model: it exists to train the CNN and is dropped with the trainer.
            _visualTags = new Linear(model.Config.Bert.HiddenSize * FusedFrames, model.Config.TagCount);
            _visualTags.To(_device);
            rest = rest.Concat(_visualTags.Parameters());
        }
        if (options.MaskedLanguageModelling)
        {
            // Training-only too; its decoder is the model's word embedding table.
            var bert = model.Config.Bert;
            _maskedLanguage = new MaskedLanguageHead(bert.HiddenSize, model.Bert.WordEmbeddings, bert.LayerNormEps);
            _maskedLanguage.To(_device);
            rest = rest.Concat(_maskedLanguage.Parameters());
        }
        _optimizer = new AdamW(
            [
                new ParameterGroup("cnn", cnn.Cast<Tensor>(), options.CnnLearningRate, options.WeightDecay),
                new ParameterGroup("transformer", rest, options.TransformerLearningRate, options.WeightDecay),
            ],
            options.Beta1,
            options.Beta2);
    }

    public AdamW Optimizer => _optimizer;

    /// <summary>Frames a clip's visual tokens keep apart: all of them with ordered fusion, one (their mean) with mean fusion.</summary>
    private long FusedFrames => _model.Config.TemporalFusion == TemporalFusion.Ordered ? _options.FramesPerClip : 1;

    /// <summary>Optimizer steps taken so far (resumable through <see cref="Optimizer"/>'s state).</summary>
    public long Step => _optimizer.StepCount;

    /// <summary>Steps for the whole run, from the set's size and the options.</summary>
    public int TotalSteps(TrainingSet data) => _options.Epochs * StepsPerEpoch(data);

    /// <summary>
    /// Runs the remaining epochs (a trainer whose optimizer state was restored resumes where it
    /// stopped: every epoch reseeds its shuffling, clip sampling and dropout from the seed and the
    /// epoch number, so a resumed run repeats what the uninterrupted one would have done).
    /// <paramref name="epochCompleted"/> is called after each epoch (to save a checkpoint, say).
    /// Returns the mean loss of the last epoch.
    /// </summary>
    public double Train(TrainingSet data, IProgress<TrainingProgress>? progress = null, CancellationToken cancellationToken = default,
        Action<int>? epochCompleted = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        var schedule = LearningRateSchedule.WithWarmupFraction(Math.Max(1, TotalSteps(data)), _options.WarmupFraction);
        var batchesPerEpoch = (int)Math.Ceiling(data.Count / (double)_options.BatchSize);
        var firstEpoch = (int)(Step / StepsPerEpoch(data));
        var lastEpochLoss = double.NaN;
        _model.Train();
        for (var epoch = firstEpoch; epoch < _options.Epochs; epoch++)
        {
            var epochSeed = unchecked((_options.Seed * 7919) + epoch);
            _random = new Random(epochSeed);
            TorchRuntime.ManualSeed((ulong)epochSeed);
            var order = Enumerable.Range(0, data.Count).OrderBy(_ => _random.Next()).ToArray();
            var epochLoss = 0.0;
            var watch = Stopwatch.StartNew();
            for (var b = 0; b < batchesPerEpoch; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var batch = order.Skip(b * _options.BatchSize).Take(_options.BatchSize).ToArray();
                Dictionary<string, double> losses;
                using (MixedPrecision())
                {
                    losses = Forward(data, batch, backward: true);
                }
                epochLoss += losses.Values.Sum();
                if ((b + 1) % _options.AccumulationSteps == 0 || b == batchesPerEpoch - 1)
                {
                    schedule.Apply(_optimizer, Math.Min(Step, schedule.TotalSteps - 1));
                    GradientClipping.ClipGradNorm(_model.Parameters(), _options.GradientClipNorm);
                    _optimizer.Step();
                    _optimizer.ZeroGrad();
                }
                progress?.Report(new TrainingProgress(epoch, (int)Step, TotalSteps(data), losses.Values.Sum(), losses,
                    _optimizer.Groups[1].LearningRate, ((b + 1) * _options.BatchSize) / watch.Elapsed.TotalSeconds));
            }
            lastEpochLoss = epochLoss / batchesPerEpoch;
            epochCompleted?.Invoke(epoch);
        }
        _model.Eval();
        return lastEpochLoss;
    }

    /// <summary>Saves the optimizer's state (moments and step count) for <see cref="LoadState"/>.</summary>
    public void SaveState(string path) => Safetensors.Save(path, _optimizer.StateDict());

    /// <summary>Restores a state saved by <see cref="SaveState"/> for the same model and options.</summary>
    public void LoadState(string path)
    {
        var state = Safetensors.Load(path);
        try
        {
            _optimizer.LoadStateDict(state);
        }
        finally
        {
            foreach (var t in state.Values)
            {
                t.Dispose();
            }
        }
    }

    /// <summary>bfloat16 autocast on CUDA when asked (bf16 needs no loss scaling); nothing on the CPU.</summary>
    private Autocast? MixedPrecision() =>
        _options.MixedPrecision && _device.Type == DeviceType.Cuda ? Autocast.Enter(DeviceType.Cuda, ScalarType.BFloat16) : null;

    private int StepsPerEpoch(TrainingSet data) =>
        (int)Math.Ceiling(Math.Ceiling(data.Count / (double)_options.BatchSize) / _options.AccumulationSteps);

    public void Dispose()
    {
        _optimizer.Dispose();
        _visualTags?.Dispose();
        _maskedLanguage?.Dispose();
    }

    /// <summary>One batch's losses by objective, back-propagated (scaled for accumulation) when asked.</summary>
    private Dictionary<string, double> Forward(TrainingSet data, int[] batch, bool backward)
    {
        using var scope = new DisposeScope();
        var reversed = batch.Select(i => _options.TimeReversal && data.Examples[i].Reversed is not null && _random.Next(2) == 1).ToArray();
        // What is true of each video as the step shows it: forwards, or backwards where reversed.
        var seen = batch.Select((i, k) => reversed[k] ? data.Examples[i].Reversed! : data.Examples[i]).ToArray();
        var tokens = SampleVisualTokens(data, batch, reversed); // (B, N, tokens, hidden)
        var terms = new Dictionary<string, Tensor>();
        if (_options.Retrieval)
        {
            terms["itm"] = MatchingLoss(data, batch, reversed, seen, tokens);
        }
        if (_options.QuestionAnswering && data.Answers.Count > 0)
        {
            // Every answerable question of each video in the batch (up to QuestionsPerVideo): QA
            // learns from all of them at the cost of cheap text passes over the same visual tokens.
            var pairs = Enumerable.Range(0, batch.Length)
                .SelectMany(k => seen[k].Questions.Where(q => data.Answers.TryGetId(q.Answer, out _))
                    .OrderBy(_ => _random.Next()).Take(_options.QuestionsPerVideo).Select(q => (Row: k, Question: q)))
                .ToArray();
            if (pairs.Length > 0)
            {
                var logits = ClipLogits(data, pairs.Select(p => p.Question.Question).ToArray(), Rows(tokens, pairs.Select(p => p.Row).ToArray()), _model.AnswerLogits);
                var targets = Tensor.FromArray(pairs.Select(p => (long)data.Answers.IdOf(p.Question.Answer)).ToArray(), _device);
                terms["qa"] = Functional.CrossEntropy(logits, targets);
            }
        }
        if (_options.Tagging && data.Tags.Count > 0)
        {
            var logits = ClipLogits(data, Enumerable.Repeat("", batch.Length).ToArray(), tokens, _model.TagLogits);
            terms["tags"] = Functional.BinaryCrossEntropyWithLogits(logits, TagTargets(data, seen));
        }
        if (_visualTags is not null && data.Tags.Count == _visualTags.Weight.Size(0))
        {
            // Pooled over clips and the grid but not over frames: with ordered fusion the classifier sees
            // where the object is in each frame, so the CNN learns what motion tags need.
            var (videos, perClip) = (tokens.Size(0), tokens.Size(2));
            var frames = tokens.View(videos, tokens.Size(1), FusedFrames, perClip / FusedFrames, tokens.Size(3)).Mean([1, 3]);
            var logits = _visualTags.Forward(frames.Flatten(1, 2));
            terms["visual_tags"] = Functional.BinaryCrossEntropyWithLogits(logits, TagTargets(data, seen));
        }
        if (_maskedLanguage is not null && MaskedLanguageLoss(data, seen, tokens) is { } maskedLoss)
        {
            terms["mlm"] = maskedLoss;
        }
        if (_options.DualEncoder && batch.Length > 1)
        {
            using var text = TextBatch.From(seen.Select(e => data.EncodeText(PickCaption(e))).ToArray(), _device);
            var textEmbedding = _model.TextEmbedding(text.Ids, text.Mask);
            var videoEmbedding = _model.VideoEmbedding(tokens);
            terms["contrastive"] = _options.ContrastiveObjective == ContrastiveObjective.Clip
                ? ContrastiveLoss.Clip(textEmbedding, videoEmbedding, _model.LogitScale)
                : ContrastiveLoss.SigLip(textEmbedding, videoEmbedding, _model.LogitScale, _model.LogitBias);
        }
        if (terms.Count == 0)
        {
            throw new InvalidOperationException("Nothing to train: every objective is off or the data has no captions, answers or tags.");
        }
        var total = terms.Values.Aggregate((a, b) => a + b);
        if (backward)
        {
            (total / _options.AccumulationSteps).Backward();
        }
        return terms.ToDictionary(t => t.Key, t => (double)t.Value.Item<float>());
    }

    /// <summary>Multi-hot (B, tags) targets of the videos as seen.</summary>
    private Tensor TagTargets(TrainingSet data, TrainingExample[] seen)
    {
        var targets = new float[seen.Length * data.Tags.Count];
        for (var k = 0; k < seen.Length; k++)
        {
            foreach (var tag in seen[k].Tags)
            {
                if (data.Tags.TryGetId(tag, out var id))
                {
                    targets[(k * data.Tags.Count) + id] = 1;
                }
            }
        }
        return Tensor.FromArray(targets, [seen.Length, data.Tags.Count], _device);
    }

    /// <summary>
    /// ITM: each video with one of its captions as seen (label 1) and a caption of another video that
    /// differs from all of them (label 0), plus hard negatives and, under time reversal, a caption of
    /// the video played the other way.
    /// </summary>
    private Tensor MatchingLoss(TrainingSet data, int[] batch, bool[] reversed, TrainingExample[] seen, Tensor tokens)
    {
        var texts = new List<string>();
        var labels = new List<long>();
        var rows = new List<int>();
        void Negative(int row, string caption)
        {
            texts.Add(caption);
            labels.Add(0);
            rows.Add(row);
        }
        for (var k = 0; k < batch.Length; k++)
        {
            var example = seen[k];
            if (example.Captions.Count == 0)
            {
                continue;
            }
            texts.Add(PickCaption(example));
            labels.Add(1);
            rows.Add(k);
            if (NegativeCaption(data, example) is { } negative)
            {
                Negative(k, negative);
            }
            // The neighbours are those of the video's own captions; the reversed ones may be among them.
            foreach (var hard in HardNegativeCaptions(data, batch[k]).Where(c => !example.Captions.Contains(c)))
            {
                Negative(k, hard);
            }
            var original = data.Examples[batch[k]];
            if (_options.TimeReversal && (reversed[k] ? original : original.Reversed) is { } other
                && other.Captions.Where(c => !example.Captions.Contains(c)).ToArray() is [_, ..] otherWay)
            {
                Negative(k, otherWay[_random.Next(otherWay.Length)]);
            }
        }
        var logits = ClipLogits(data, [.. texts], Rows(tokens, [.. rows]), _model.MatchLogits);
        return Functional.CrossEntropy(logits, Tensor.FromArray(labels.ToArray(), _device));
    }

    /// <summary>
    /// BERT's masking on one caption of each video (of the chosen pieces, 80% become [MASK], 10% a
    /// random piece, 10% stay), predicted from the joint pass over every sampled clip. Null when no
    /// caption has a piece to mask.
    /// </summary>
    private Tensor? MaskedLanguageLoss(TrainingSet data, TrainingExample[] seen, Tensor tokens)
    {
        var maskId = data.MaskTokenId ?? throw new InvalidOperationException("Masked language modelling needs the training set's MaskTokenId.");
        var vocabularySize = (int)_model.Config.Bert.VocabSize;
        var texts = new List<IReadOnlyList<int>>();
        var rows = new List<long>();
        var masked = new List<(int Text, int Position, int Target)>();
        for (var k = 0; k < seen.Length; k++)
        {
            var example = seen[k];
            if (example.Captions.Count == 0)
            {
                continue;
            }
            var ids = data.EncodeText(PickCaption(example)).ToArray();
            // Positions 0 and the last are [CLS] and [SEP].
            for (var p = 1; p < ids.Length - 1; p++)
            {
                if (_random.NextDouble() >= _options.MaskProbability)
                {
                    continue;
                }
                masked.Add((texts.Count, p, ids[p]));
                var roll = _random.NextDouble();
                ids[p] = roll < 0.8 ? maskId : roll < 0.9 ? _random.Next(vocabularySize) : ids[p];
            }
            texts.Add(ids);
            rows.Add(k);
        }
        if (masked.Count == 0)
        {
            return null;
        }
        var clips = tokens.Size(1);
        using var text = TextBatch.From(texts, _device);
        using var repeated = text.RepeatEach(clips);
        var visual = tokens.IndexSelect(0, Tensor.FromArray(rows.ToArray(), _device)).Flatten(0, 1);
        var hidden = _model.CrossEncode(repeated.Ids, repeated.Mask, visual); // (texts × clips, L + visual, H)
        // Every clip's pass predicts every masked piece of its text.
        var positions = masked.SelectMany(m => Enumerable.Range(0, (int)clips).Select(c => (((m.Text * clips) + c) * hidden.Size(1)) + m.Position)).ToArray();
        var targets = masked.SelectMany(m => Enumerable.Repeat((long)m.Target, (int)clips)).ToArray();
        var picked = hidden.Flatten(0, 1).IndexSelect(0, Tensor.FromArray(positions, _device));
        return Functional.CrossEntropy(_maskedLanguage!.Forward(picked), Tensor.FromArray(targets, _device));
    }

    /// <summary>Scores each text against its video's clips: (texts, N) pooled passes, a head, then consensus over clips.</summary>
    private Tensor ClipLogits(TrainingSet data, string[] texts, Tensor tokens, Func<Tensor, Tensor> head)
    {
        using var text = TextBatch.From(texts.Select(t => data.EncodeText(t)).ToArray(), _device);
        return ClipConsensus.Aggregate(CrossScoring.ClipLogits(_model, text, tokens, head), _options.Consensus);
    }

    /// <summary>N_train random clips of each video through the CNN, played backwards where <paramref name="reversed"/> says: (B, N, tokens, hidden).</summary>
    private Tensor SampleVisualTokens(TrainingSet data, int[] batch, bool[] reversed)
    {
        var clips = batch.Select((i, k) =>
        {
            var video = data.Videos[i];
            var picks = Enumerable.Range(0, _options.TrainClips).Select(_ => (long)_random.Next(video.ClipCount)).ToArray();
            var picked = video.Pixels.IndexSelect(0, Tensor.FromArray(picks));
            return reversed[k] ? Backwards(picked) : picked;
        }).ToArray();
        var pixels = _model.Normalize(Tensors.Cat(clips).To(_device));
        var tokens = _model.VisualTokens(pixels);
        return tokens.View(batch.Length, _options.TrainClips, tokens.Size(1), tokens.Size(2));
    }

    /// <summary>(clips, T, ...) clips with their frames in reverse order.</summary>
    private static Tensor Backwards(Tensor clips) =>
        clips.IndexSelect(1, Tensor.FromArray(Enumerable.Range(0, (int)clips.Size(1)).Reverse().Select(f => (long)f).ToArray(), clips.Device));

    private static Tensor Rows(Tensor tokens, int[] rows) => tokens.IndexSelect(0, Tensor.FromArray(rows.Select(r => (long)r).ToArray(), tokens.Device));

    private string PickCaption(TrainingExample example) => example.Captions[_random.Next(example.Captions.Count)];

    /// <summary><see cref="TrainingOptions.HardNegatives"/> distinct captions drawn from the ones most like the example's.</summary>
    private IEnumerable<string> HardNegativeCaptions(TrainingSet data, int example)
    {
        if (_options.HardNegatives <= 0)
        {
            return [];
        }
        if (_neighbours is not { } cached || !ReferenceEquals(cached.Data, data))
        {
            _neighbours = cached = (data, CaptionNeighbours.Build(data, _options.HardNegativePool));
        }
        var pool = cached.Neighbours.Of(example);
        return pool.OrderBy(_ => _random.Next()).Take(_options.HardNegatives).ToArray();
    }

    private string? NegativeCaption(TrainingSet data, TrainingExample positive)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            var other = data.Examples[_random.Next(data.Count)];
            if (other.Captions.Count > 0)
            {
                var caption = PickCaption(other);
                if (!positive.Captions.Contains(caption))
                {
                    return caption;
                }
            }
        }
        return null;
    }
}
