using Marketplace.Testing.Servers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace Marketplace.ScaleOut.Tests;

/// <summary>
/// Two API instances (two hosts in this process) on one PostgreSQL database and one Redis, as behind the load
/// balancer in infra/compose.yaml: same signing key, separate data folders and memory.
/// </summary>
public sealed class TwoInstances : IAsyncDisposable
{
    private const string SigningKey = "two-instances-test-signing-key-0123456789-abcdef";

    private TwoInstances(InstanceApp a, InstanceApp b)
    {
        A = a;
        B = b;
    }

    public InstanceApp A { get; }

    public InstanceApp B { get; }

    public static async Task<TwoInstances> StartAsync(
        RedisServer redis, Action<IServiceCollection>? services = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var a = Configure(new InstanceApp(services), redis, settings);
        await a.InitializeAsync();
        var b = Configure(new InstanceApp(services) { PostgresConnectionString = a.PostgresConnectionString }, redis, settings);
        await b.InitializeAsync();
        return new TwoInstances(a, b);
    }

    private static InstanceApp Configure(InstanceApp app, RedisServer redis, IReadOnlyDictionary<string, string?>? settings)
    {
        app.Settings["Redis:Configuration"] = redis.Configuration;
        app.Settings["Identity:Jwt:SigningKey"] = SigningKey;
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            app.Settings[key] = value;
        }

        return app;
    }

    public async ValueTask DisposeAsync()
    {
        // B first: A created the database and drops it.
        await B.DisposeAndDeleteStoreAsync();
        await A.DisposeAndDeleteStoreAsync();
    }
}

/// <summary>A PostgreSQL app whose services a test may extend (e.g. a recording event handler).</summary>
public sealed class InstanceApp(Action<IServiceCollection>? services) : PostgresApp
{
    protected override void ConfigureTestServices(IWebHostBuilder builder)
    {
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
