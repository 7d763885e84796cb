using System.Text;
using Microsoft.EntityFrameworkCore;

namespace VideoLang.Jobs.Store;

/// <summary>PostgreSQL's own naming: snake_case columns, keys and indexes, so hand-written SQL reads naturally.</summary>
internal static class SnakeCaseNames
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(Convert(property.Name));
            }
            entity.FindPrimaryKey()!.SetName($"pk_{table}");
            foreach (var key in entity.GetForeignKeys())
            {
                var principal = key.PrincipalEntityType.GetTableName();
                key.SetConstraintName($"fk_{table}_{principal}_{string.Join("_", key.Properties.Select(p => Convert(p.Name)))}");
            }
            foreach (var index in entity.GetIndexes())
            {
                index.SetDatabaseName($"ix_{table}_{string.Join("_", index.Properties.Select(p => Convert(p.Name)))}");
            }
        }
    }

    public static string Convert(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1])))
            {
                builder.Append('_');
            }
            builder.Append(char.ToLowerInvariant(c));
        }
        return builder.ToString();
    }
}
