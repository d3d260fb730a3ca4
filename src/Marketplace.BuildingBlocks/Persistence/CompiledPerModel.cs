using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Marketplace.BuildingBlocks.Persistence;

/// <summary>
/// Something worked out from an EF Core model once per model. Each database provider (SQLite, PostgreSQL) builds its own
/// model, so one process that holds both (the tests do) needs one copy for each, and a value cached in a plain static
/// would carry one provider's compiled query or quoting into the other's.
/// </summary>
public sealed class PerModel<T>(Func<DbContext, T> build) where T : class
{
    private readonly ConditionalWeakTable<IModel, T> _byModel = [];

    public T For(DbContext db) => _byModel.GetValue(db.Model, _ => build(db));
}

/// <summary>
/// An EF Core compiled query (<c>EF.CompileAsyncQuery</c>) compiled once per model: EF Core runs a compiled query only
/// against the model it was compiled for (<see cref="PerModel{T}"/>).
/// </summary>
public sealed class CompiledPerModel<TCompiled>(Func<TCompiled> compile) where TCompiled : class
{
    private readonly PerModel<TCompiled> _byModel = new(_ => compile());

    public TCompiled For(DbContext db) => _byModel.For(db);
}
