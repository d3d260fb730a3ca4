using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// Table and column names as the current provider quotes them, read from the EF model, for the few statements written by
/// hand on hot paths (EF Core translates <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> from LINQ on every call and cannot
/// batch several conditional updates in one round trip). Reading the names from the model keeps those statements right
/// when a mapping or a provider's naming changes. Build them once per model with <see cref="PerModel{T}"/>.
/// </summary>
public readonly struct StoreNames(DbContext db)
{
    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();

    public string Table<TEntity>() => Table(Entity<TEntity>());

    public string Column<TEntity>(string property)
    {
        var entity = Entity<TEntity>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        return _sql.DelimitIdentifier(Property<TEntity>(property).GetColumnName(table)
            ?? throw new InvalidOperationException($"{typeof(TEntity).Name}.{property} has no column in {table.DisplayName()}."));
    }

    /// <summary>The mapped property, for <see cref="Parameter"/>: its type mapping converts values as EF Core itself would.</summary>
    public IProperty Property<TEntity>(string property) =>
        Entity<TEntity>().FindProperty(property) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} has no mapped property {property}.");

    /// <summary>Adds <c>@name</c> to the command, converted and typed by the property's own mapping (enums, Guids, dates).</summary>
    public static void Parameter(DbCommand command, IProperty property, string name, object value) =>
        command.Parameters.Add(property.GetRelationalTypeMapping().CreateParameter(command, "@" + name, value));

    private IEntityType Entity<TEntity>() =>
        db.Model.FindEntityType(typeof(TEntity)) ?? throw new InvalidOperationException($"{typeof(TEntity).Name} is not in {db.GetType().Name}'s model.");

    private string Table(IEntityType entity) => _sql.DelimitIdentifier(entity.GetTableName()!, entity.GetSchema());
}
