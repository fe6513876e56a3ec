using System.Text.Json;
using Microsoft.EntityFrameworkCore;

namespace TaskService.Data;

/// <summary>Column names as the API spells its fields (<c>task_id</c>, <c>is_imua</c>), so SQL and JSON read alike.</summary>
internal static class SnakeCaseColumns
{
    public static void Apply(ModelBuilder modelBuilder)
    {
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entity.GetProperties())
            {
                property.SetColumnName(JsonNamingPolicy.SnakeCaseLower.ConvertName(property.Name));
            }
        }
    }
}
