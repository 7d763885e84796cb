using System.Reflection;

namespace VideoLang.Jobs.Migrations;

/// <summary>Reads a migration's SQL, embedded from the repository's <c>migrations/</c> folder.</summary>
internal static class MigrationScript
{
    public static string Read(string fileName)
    {
        var name = $"VideoLang.Migrations.{fileName}";
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration script '{name}' is not embedded; check migrations/*.sql and the EmbeddedResource item in VideoLang.Jobs.csproj.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
