using System.CommandLine;
using Spectre.Console;
using VideoLang.Jobs.Inference;

namespace VideoLang.Api.Commands;

/// <summary>`vlang models list|add|activate`: the registered checkpoints and which one workers use.</summary>
internal static class ModelsCommand
{
    public static Command Create()
    {
        var list = new Command("list", "List registered models.").AcceptingSettings();
        list.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var table = new Table().AddColumns("name", "active", "path", "checksum", "registered");
            foreach (var model in await services.Get<ModelCatalog>().ListAsync(cancellationToken))
            {
                table.AddRow(Markup.Escape(model.Name), model.Active ? "yes" : "", Markup.Escape(model.Path), model.Checksum[..12], model.CreatedAt.ToString("u"));
            }
            AnsiConsole.Write(table);
            return 0;
        });

        var addName = new Argument<string>("name") { Description = "The name to register it under." };
        var addPath = new Argument<string>("path") { Description = "The checkpoint folder (config.json, model.safetensors, model.sha256, vocab.txt)." };
        var activate = new Option<bool>("--activate") { Description = "Make it the active model." };
        var add = new Command("add", "Register a checkpoint folder.") { addName, addPath, activate }.AcceptingSettings();
        add.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var model = await services.Get<ModelCatalog>().AddAsync(result.GetValue(addName)!, result.GetValue(addPath)!, result.GetValue(activate), cancellationToken);
            Console.WriteLine($"Registered '{model.Name}' ({model.Path}){(model.Active ? ", active" : "")}.");
            return 0;
        });

        var activateName = new Argument<string>("name") { Description = "A registered model's name." };
        var activateCommand = new Command("activate", "Make a registered model the one new ingests use.") { activateName }.AcceptingSettings();
        activateCommand.SetAction(async (result, cancellationToken) =>
        {
            await using var services = await CommandServices.StartAsync(result.Settings(), runJobs: false, cancellationToken);
            var model = await services.Get<ModelCatalog>().ActivateAsync(result.GetValue(activateName)!, cancellationToken);
            Console.WriteLine($"'{model.Name}' is now active; videos ingested before keep the model they were ingested with.");
            return 0;
        });
        return new Command("models", "Registered models.") { list, add, activateCommand, InstallRegistryCommand.Create() };
    }
}
