using System.CommandLine;
using VideoLang.Model.Checkpoints;

namespace VideoLang.Api.Commands;

/// <summary>`vlang import-weights`: a checkpoint from published HuggingFace BERT and torchvision/timm ResNet weights (safetensors or torch.save files).</summary>
internal static class ImportWeightsCommand
{
    public static Command Create()
    {
        var vocabulary = new Option<string>("--vocab") { Description = "The BERT vocab.txt.", Required = true };
        var bert = new Option<string?>("--bert") { Description = "HuggingFace BERT model.safetensors or pytorch_model.bin." };
        var bertConfig = new Option<string?>("--bert-config") { Description = "HuggingFace BERT config.json (else inferred from the tensors)." };
        var resnet = new Option<string?>("--resnet") { Description = "torchvision or timm ResNet-18/34/50 weights (.safetensors, or .pth/.pt/.bin from torch.save)." };
        var output = new Option<string>("--out") { Description = "The checkpoint folder to write.", Required = true };
        var command = new Command("import-weights", "Build a checkpoint from published weights, reporting every missing or unexpected tensor.")
        {
            vocabulary, bert, bertConfig, resnet, output,
        };
        command.SetAction(result =>
        {
            var report = WeightImporter.Import(new WeightImportOptions
            {
                VocabularyPath = result.GetValue(vocabulary)!,
                BertWeightsPath = result.GetValue(bert),
                BertConfigPath = result.GetValue(bertConfig),
                ResNetWeightsPath = result.GetValue(resnet),
            }, result.GetValue(output)!);
            Console.WriteLine(report);
            Console.Error.WriteLine($"Wrote {result.GetValue(output)}; register it with `vlang models add NAME {result.GetValue(output)}`.");
            return 0;
        });
        return command;
    }
}
