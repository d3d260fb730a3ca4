using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.Api.Tests;

/// <summary>
/// A FluentValidation validator compiles an expression for every rule when it is constructed; built per request it
/// was 28 % of a search request's CPU (perf profile, issue #14). Validators are registered as singletons; this keeps
/// it that way for every validator of every module — the same instance in two requests' scopes.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ValidatorLifetimeTests(MarketplaceApp app)
{
    [Fact]
    public void Every_request_validator_is_built_once_for_the_process()
    {
        var validated = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name?.StartsWith("Marketplace.", StringComparison.Ordinal) == true)
            .SelectMany(a => a.GetTypes())
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false } && t.BaseType is { IsGenericType: true } b
                && b.GetGenericTypeDefinition() == typeof(AbstractValidator<>))
            .Select(t => typeof(IValidator<>).MakeGenericType(t.BaseType!.GetGenericArguments()[0]))
            .Where(service => app.Services.GetService(typeof(IServiceProviderIsService)) is IServiceProviderIsService known
                && known.IsService(service))
            .Distinct()
            .ToList();
        Assert.True(validated.Count >= 20, $"expected the modules' validators to be registered, found {validated.Count}");

        using var first = app.Services.CreateScope();
        using var second = app.Services.CreateScope();
        var rebuilt = validated
            .Where(service => !ReferenceEquals(first.ServiceProvider.GetRequiredService(service), second.ServiceProvider.GetRequiredService(service)))
            .Select(service => service.GenericTypeArguments[0].FullName)
            .ToList();
        Assert.True(rebuilt.Count == 0, "built per scope instead of once: " + string.Join(", ", rebuilt));
    }
}
