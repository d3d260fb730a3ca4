using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// One migration set per database provider, side by side in the module's assembly, for the same DbContext type.
/// <para>
/// EF Core's documented options for a context that targets several providers are a derived context type per provider
/// or a separate migrations assembly per provider (https://learn.microsoft.com/ef/core/managing-schemas/migrations/providers).
/// Both cost every module something: a second context class per module and provider, or two more projects per module.
/// Instead, this replaces EF Core's <see cref="IMigrationsAssembly"/> with one that sees only the migrations (and the model
/// snapshot) of the active provider, told apart by namespace: PostgreSQL migrations live in a namespace ending in
/// <c>.Postgres</c> (folder <c>Persistence/Migrations/Postgres</c>), SQLite migrations everywhere else (the existing
/// <c>Persistence/Migrations</c>). Modules keep one context type and need no code for it; <c>dotnet ef migrations add</c>
/// with <c>MARKETPLACE_EF_PROVIDER=Postgres</c> diffs against the PostgreSQL snapshot and writes into the Postgres folder.
/// </para>
/// </summary>
public sealed class ProviderMigrationsAssembly(
    ICurrentDbContext currentContext,
    IDbContextOptions options,
    IMigrationsIdGenerator idGenerator) : IMigrationsAssembly
{
    public const string PostgresNamespaceSuffix = ".Postgres";

    private readonly Type _contextType = currentContext.Context.GetType();
    private IReadOnlyDictionary<string, TypeInfo>? _migrations;
    private ModelSnapshot? _snapshot;
    private bool _snapshotLoaded;

    public Assembly Assembly { get; } = FindAssembly(currentContext.Context.GetType(), options);

    public IReadOnlyDictionary<string, TypeInfo> Migrations => _migrations ??= ConstructibleTypes
        .Where(t => t.IsSubclassOf(typeof(Migration)) && IsForThisContextAndProvider(t))
        .Select(t => (Id: t.GetCustomAttribute<MigrationAttribute>()?.Id, Type: t))
        .Where(m => m.Id is not null)
        .OrderBy(m => m.Id, StringComparer.Ordinal)
        .ToDictionary(m => m.Id!, m => m.Type);

    public ModelSnapshot? ModelSnapshot
    {
        get
        {
            if (!_snapshotLoaded)
            {
                var type = ConstructibleTypes
                    .FirstOrDefault(t => t.IsSubclassOf(typeof(ModelSnapshot)) && IsForThisContextAndProvider(t));
                _snapshot = type is null ? null : (ModelSnapshot)Activator.CreateInstance(type.AsType())!;
                _snapshotLoaded = true;
            }

            return _snapshot;
        }
    }

    private IEnumerable<TypeInfo> ConstructibleTypes => Assembly.DefinedTypes.Where(t => !t.IsAbstract && !t.IsGenericTypeDefinition);

    public string? FindMigrationId(string nameOrId) => Migrations.Keys
        .Where(idGenerator.IsValidId(nameOrId)
            ? id => string.Equals(id, nameOrId, StringComparison.OrdinalIgnoreCase)
            : id => string.Equals(idGenerator.GetName(id), nameOrId, StringComparison.OrdinalIgnoreCase))
        .FirstOrDefault();

    public Migration CreateMigration(TypeInfo migrationClass, string activeProvider)
    {
        var migration = (Migration)Activator.CreateInstance(migrationClass.AsType())!;
        migration.ActiveProvider = activeProvider;
        return migration;
    }

    private bool IsForThisContextAndProvider(TypeInfo type)
    {
        if (type.GetCustomAttribute<DbContextAttribute>()?.ContextType != _contextType)
        {
            return false;
        }

        var isPostgresSet = type.Namespace?.EndsWith(PostgresNamespaceSuffix, StringComparison.Ordinal) == true;
        return isPostgresSet == currentContext.Context.Database.IsNpgsql();
    }

    private static Assembly FindAssembly(Type contextType, IDbContextOptions options)
    {
        var name = RelationalOptionsExtension.Extract(options).MigrationsAssembly;
        return name is null ? contextType.Assembly : Assembly.Load(new AssemblyName(name));
    }
}
