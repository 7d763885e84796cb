using System.CommandLine;
using Spectre.Console;
using VideoLang.Api.Apis;
using VideoLang.Jobs.Inference;
using VideoLang.Jobs.Store;

namespace VideoLang.Api.Commands;

/// <summary>
/// `vlang models list|import|add|activate|deactivate`: the registered models and which is the active
/// embedder and cross-encoder. `add NAME PATH` is `import PATH --name NAME`, kept for existing scripts.
/// </summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List registered models and their roles.").AcceptingSettings();
        list.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var table = new Table().AddColumns("name", "kind", "embedder", "cross-encoder", "path", "checksum", "registered");
            foreach (var model in await services.Get<ModelCatalog>().ListAsync(cancellationToken))
            {
                table.AddRow(Markup.Escape(model.Name), model.Kind.ToString(), model.ActiveEmbedder ? "active" : "", model.ActiveCrossEncoder ? "active" : "",
                    Markup.Escape(model.Path), model.Checksum[..12], model.CreatedAt.ToString("u"));
            }
            AnsiConsole.Write(table);
            return 0;
        });

        var importPath = new Argument<string>("path") { Description = "A model folder (HF CLIP/SigLIP, open_clip, a VideoLang checkpoint) or ClipBERT's released .pt." };
        var importName = new Option<string?>("--name") { Description = "The name to register it under (default: the folder's or file's name)." };
        var vocabulary = new Option<string?>("--vocab") { Description = "BERT's vocab.txt, for ClipBERT's .pt (default: vocab.txt beside it)." };
        var activate = new Option<bool>("--activate") { Description = "Activate it in every role its kind serves." };
        var import = new Command("import", "Detect a model's format, convert it if needed (into Worker:ModelsDirectory), report every tensor and register it.")
        {
            importPath, importName, vocabulary, activate,
        }.AcceptingSettings();
        import.SetAction(async (result, cancellationToken) =>
            await ImportAsync(result, result.GetValue(importPath)!, result.GetValue(importName), result.GetValue(vocabulary), result.GetValue(activate), cancellationToken));

        var addName = new Argument<string>("name") { Description = "The name to register it under." };
        var addPath = new Argument<string>("path") { Description = "The model folder or file, as for import." };
        var addActivate = new Option<bool>("--activate") { Description = "Activate it in every role its kind serves." };
        var add = new Command("add", "Same as `import PATH --name NAME`.") { addName, addPath, addActivate }.AcceptingSettings();
        add.SetAction(async (result, cancellationToken) =>
            await ImportAsync(result, result.GetValue(addPath)!, result.GetValue(addName), null, result.GetValue(addActivate), cancellationToken));

        var activateName = new Argument<string>("name") { Description = "A registered model's name." };
        var role = new Option<string?>("--role") { Description = "embedder or cross-encoder (default: every role the model's kind serves)." };
        var activateCommand = new Command("activate", "Make a registered model the active embedder or cross-encoder.") { activateName, role }.AcceptingSettings();
        activateCommand.SetAction(async (result, cancellationToken) =>
        {
            var text = result.GetValue(role);
            var parsed = ModelRoles.Parse(text);
            if (text is not null && parsed is null)
            {
                throw new ArgumentException($"--role must be embedder or cross-encoder; got '{text}'.");
            }
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var model = await services.Get<ModelCatalog>().ActivateAsync(result.GetValue(activateName)!, parsed, cancellationToken);
            Console.WriteLine($"'{model.Name}' is now {Roles(model)}; videos ingested before keep the models they were ingested with until they are uploaded again.");
            return 0;
        });

        var deactivateRole = new Option<string>("--role") { Description = "embedder or cross-encoder.", Required = true };
        var deactivate = new Command("deactivate", "Leave a role empty (no cross-encoder: one-stage search, no QA).") { deactivateRole }.AcceptingSettings();
        deactivate.SetAction(async (result, cancellationToken) =>
        {
            var parsed = ModelRoles.Parse(result.GetValue(deactivateRole))
                ?? throw new ArgumentException($"--role must be embedder or cross-encoder; got '{result.GetValue(deactivateRole)}'.");
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            await services.Get<ModelCatalog>().DeactivateAsync(parsed, cancellationToken);
            Console.WriteLine($"No model is the {(parsed == ModelRole.Embedder ? "embedder" : "cross-encoder")} now.");
            return 0;
        });
        return new Command("models", "Registered models and their roles.") { list, import, add, activateCommand, deactivate, InstallRegistryCommand.Create() };
    }

    private static async Task<int> ImportAsync(ParseResult result, string path, string? name, string? vocabulary, bool activate, CancellationToken cancellationToken)
    {
        await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
        var import = await services.Get<ModelImporter>().ImportAsync(path, name, activate, vocabulary, cancellationToken);
        Console.WriteLine(import.Report);
        var model = import.Model;
        Console.WriteLine($"Registered '{model.Name}' ({model.Kind}, {import.Format}{(import.ConvertedTo is null ? "" : $", converted into {import.ConvertedTo}")}){(model.Active ? $", {Roles(model)}" : "")}.");
        return 0;
    }

    private static string Roles(ModelRecord model) => (model.ActiveEmbedder, model.ActiveCrossEncoder) switch
    {
        (true, true) => "the active embedder and cross-encoder",
        (true, false) => "the active embedder",
        (false, true) => "the active cross-encoder",
        _ => "registered",
    };
}
