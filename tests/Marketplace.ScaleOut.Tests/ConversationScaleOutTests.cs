using System.Diagnostics;
using System.Text.Json;
using Marketplace.Testing.Servers;
using Microsoft.AspNetCore.SignalR.Client;

namespace Marketplace.ScaleOut.Tests;

/// <summary>
/// Chat across two API instances on one PostgreSQL and one Redis (the SignalR Redis backplane), and what happens to a
/// conversation when Redis dies.
/// </summary>
public sealed class ConversationScaleOutTests : IAsyncLifetime
{
    private RedisServer _redis = null!;

    public async Task InitializeAsync() => _redis = await RedisServer.StartNewAsync();

    public async Task DisposeAsync() => await _redis.DisposeAsync();

    [Fact]
    public async Task A_message_sent_on_one_instance_reaches_the_other_instances_client_within_a_second_and_survives_redis_dying()
    {
        await using var instances = await TwoInstances.StartAsync(_redis, settings: new Dictionary<string, string?> { ["RateLimits:ChatMessages:PermitLimit"] = "100000" });
        var booth = await instances.A.BoothAsync();
        var visitor = await instances.A.SignUpAsync("shopper");
        var conversationId = await visitor.OpenAtBoothAsync(booth.BoothId);

        // The visitor is connected to B, the exhibitor to A.
        await using var visitorOnB = await ChatClient.ConnectAsync(instances.B.Server, ChatClient.TokenOf(visitor));
        await using var exhibitorOnA = await ChatClient.ConnectAsync(instances.A.Server, ChatClient.TokenOf(booth.Exhibitor));
        await visitorOnB.Connection.InvokeAsync("Join", conversationId);
        await exhibitorOnA.Connection.InvokeAsync("Join", conversationId);

        var clock = Stopwatch.StartNew();
        await exhibitorOnA.Connection.InvokeAsync<JsonElement>("Send", conversationId, "Halo dari instance A", (Guid?)null);
        var (_, _) = await visitorOnB.WaitForAsync("message", m => m.GetProperty("text").GetString() == "Halo dari instance A");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(1), $"A → B took {clock.Elapsed.TotalMilliseconds:0} ms.");

        // And back: sent on B, seen on A.
        await visitorOnB.Connection.InvokeAsync<JsonElement>("Send", conversationId, "Halo dari B", (Guid?)null);
        await exhibitorOnA.WaitForAsync("message", m => m.GetProperty("text").GetString() == "Halo dari B", TimeSpan.FromSeconds(1));

        // Redis dies mid-conversation: messages are still stored and reach the clients of the instance they were sent on.
        await _redis.StopAsync();
        await using var visitorOnA = await ChatClient.ConnectAsync(instances.A.Server, ChatClient.TokenOf(visitor));
        await visitorOnA.Connection.InvokeAsync("Join", conversationId);
        await exhibitorOnA.Connection.InvokeAsync<JsonElement>("Send", conversationId, "Redis mati, tetap sampai", (Guid?)null);
        await visitorOnA.WaitForAsync("message", m => m.GetProperty("text").GetString() == "Redis mati, tetap sampai");
        await exhibitorOnA.WaitForAsync("message", m => m.GetProperty("text").GetString() == "Redis mati, tetap sampai");
        var history = await visitor.GetJsonAsync($"/api/v1/conversations/{conversationId}/messages");
        Assert.Equal(3, history["items"]!.AsArray().Count);

        var health = await instances.A.Anonymous().GetAsync("/health/ready");
        Assert.Contains("degraded", (await health.Content.ReadAsStringAsync()).ToLowerInvariant(), StringComparison.Ordinal);
    }
}
