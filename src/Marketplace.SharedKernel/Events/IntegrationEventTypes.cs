using System.Collections.Concurrent;
using System.Reflection;

namespace Marketplace.SharedKernel.Events;

/// <summary>
/// Maps the type name stored in an outbox row back to its CLR type. Modules register their Contracts assembly;
/// only events declared there can travel, so a row can never name an arbitrary type.
/// </summary>
public sealed class IntegrationEventTypes
{
    private readonly ConcurrentDictionary<string, Type> _byName = new(StringComparer.Ordinal);

    public void RegisterAssembly(Assembly contracts)
    {
        foreach (var type in contracts.GetExportedTypes())
        {
            if (!type.IsAbstract && typeof(IntegrationEvent).IsAssignableFrom(type))
            {
                _byName[NameOf(type)] = type;
            }
        }
    }

    public static string NameOf(Type type) => type.FullName ?? type.Name;

    public Type? Find(string name) => _byName.GetValueOrDefault(name);
}
