using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// An EF Core compiled query (<c>EF.CompileAsyncQuery</c>) compiled once per model. EF Core runs a compiled query only
/// against the model it was compiled for, and each database provider (SQLite, PostgreSQL) builds its own model, so one
/// process that holds both (the tests do) needs one compiled copy for each.
/// </summary>
public sealed class CompiledPerModel<TCompiled>(Func<TCompiled> compile) where TCompiled : class
{
    private readonly ConditionalWeakTable<IModel, TCompiled> _byModel = [];

    public TCompiled For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
