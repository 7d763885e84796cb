// The end-to-end demo until the service lands: train the tiny model on generated videos (or reuse
// the one trained before), then, on held-out videos it never saw, print tags, answers and a
// two-stage text search, each with the clip (time range) that supports it.
using System.Globalization;
using VideoLang.Model.Checkpoints;
using VideoLang.Model.Inference;
using VideoLang.Model.Tokenization;
using VideoLang.Model.Training;
using VideoLang.Sampler;
using VideoLang.Sampler.Decoding;
using VideoLang.Sampler.Planning;

var work = Path.GetFullPath(args.Length > 0 ? args[0] : "artifacts/demo");
var options = new SyntheticTrainingOptions { WorkDirectory = work };
var checkpointDirectory = Path.Combine(work, "model");
if (!File.Exists(Path.Combine(checkpointDirectory, Checkpoint.WeightsFile)))
{
    Console.WriteLine($"Training the tiny model on {options.TrainVideos} generated videos ({options.Training.Epochs} epochs, CPU)...");
    var progress = new Progress<TrainingProgress>(p =>
    {
        if (p.Step % 25 == 0 || p.Step == p.TotalSteps)
        {
            Console.WriteLine($"  step {p.Step}/{p.TotalSteps}  loss {p.Loss:F3}  {p.VideosPerSecond:F0} videos/s");
        }
    });
    var result = await SyntheticTraining.RunAsync(options, progress);
    Console.WriteLine($"Held-out ({options.TestVideos} videos): text->video R@1 {result.Retrieval.RecallAt1:F2}, R@5 {result.Retrieval.RecallAt5:F2}, QA accuracy {result.QaAccuracy:F2}");
}
else
{
    Console.WriteLine($"Reusing the model trained before: {checkpointDirectory}");
}

using var checkpoint = Checkpoint.Load(checkpointDirectory);
var tokenizer = WordPieceTokenizer.FromVocabularyFile(checkpoint.VocabularyPath);
var predictor = new ClipBertPredictor(checkpoint.Model, t => tokenizer.Encode(t, 32).Ids, checkpoint.Answers, checkpoint.Tags);
var manifest = Directory.GetFiles(work, "manifest.jsonl", SearchOption.AllDirectories).Single(p => Path.GetFileName(Path.GetDirectoryName(p)!).StartsWith("test-", StringComparison.Ordinal));
var held = TrainingManifest.Read(manifest);
var sampler = new VideoSampler();
var features = new List<VideoFeatures>();
foreach (var example in held)
{
    using var batch = await sampler.SampleAsync(example.VideoPath, new ClipSampling(ClipCount: 4), SamplingMode.Inference, new FrameSpec(checkpoint.Model.Config.ImageSize));
    features.Add(predictor.Encode(batch));
}

static string At(ClipEvidence clip) => string.Create(CultureInfo.InvariantCulture, $"{clip.StartSeconds:F1}-{clip.EndSeconds:F1}s");

for (var i = 0; i < 3; i++)
{
    Console.WriteLine();
    Console.WriteLine($"{Path.GetFileName(held[i].VideoPath)}  (truth: {held[i].Captions[0]})");
    var tags = predictor.Tags(features[i], 0.5);
    Console.WriteLine("  tags: " + string.Join(", ", tags.Select(t => $"{t.Label} {t.Score:F2} @{At(t.BestClip)}")));
    foreach (var question in held[i].Questions.Take(3))
    {
        var answer = predictor.Answer(features[i], question.Question)[0];
        var mark = answer.Label == question.Answer ? "right" : $"wrong, truth {question.Answer}";
        Console.WriteLine($"  {question.Question} -> {answer.Label} ({answer.Score:F2}, {mark}) @{At(answer.BestClip)}");
    }
}

// Two-stage search: dual-encoder dot products pick candidates, the cross-encoder re-ranks them.
var query = held[0].Captions[0];
var queryEmbedding = predictor.TextEmbedding(query);
var candidates = Enumerable.Range(0, features.Count)
    .OrderByDescending(v => features[v].Embedding.Zip(queryEmbedding, (a, b) => a * b).Sum()).Take(10).ToArray();
var reranked = predictor.Match(query, candidates.Select(v => features[v]).ToArray())
    .Select((m, k) => (Video: candidates[k], Match: m)).OrderByDescending(r => r.Match.Score).Take(3).ToArray();
Console.WriteLine();
Console.WriteLine($"search \"{query}\" over {features.Count} held-out videos (top 10 by embedding, re-ranked):");
foreach (var (video, match) in reranked)
{
    Console.WriteLine($"  {Path.GetFileName(held[video].VideoPath)}  score {match.Score:F2}  best clip {At(match.BestClip)}  ({held[video].Captions[0]})");
}
foreach (var f in features)
{
    f.Dispose();
}
