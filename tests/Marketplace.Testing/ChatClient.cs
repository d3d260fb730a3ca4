using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.TestHost;

namespace Marketplace.Testing;

/// <summary>
/// A SignalR .NET client of <c>/hubs/conversations</c> on a test app's in-memory server (long polling through the
/// TestServer handler). A signed-in client passes its token as <c>access_token</c> in the query, as a browser does; a
/// guest passes <c>visitorId</c>. Every event it receives is kept (name, JSON payload) for the test to wait on.
/// </summary>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<(string Event, JsonElement Payload, DateTime At)> _events = new();

    private ChatClient(HubConnection connection) => Connection = connection;

    public HubConnection Connection { get; }

    public IEnumerable<(string Event, JsonElement Payload, DateTime At)> Events => _events;

    public static async Task<ChatClient> ConnectAsync(TestServer server, string? accessToken = null, string? visitorId = null)
    {
        var query = accessToken is not null ? "?access_token=" + Uri.EscapeDataString(accessToken) : visitorId is not null ? "?visitorId=" + Uri.EscapeDataString(visitorId) : "";
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.BaseAddress, "/hubs/conversations" + query), o =>
            {
                o.HttpMessageHandlerFactory = _ => server.CreateHandler();
                o.Transports = HttpTransportType.LongPolling;
            })
            .Build();
        var client = new ChatClient(connection);
        foreach (var name in new[] { "message", "typing", "read", "inbox" })
        {
            connection.On<JsonElement>(name, payload => client._events.Enqueue((name, payload, DateTime.UtcNow)));
        }

        await connection.StartAsync();
        return client;
    }

    public static string TokenOf(ApiClient client) => client.Http.DefaultRequestHeaders.Authorization!.Parameter!;

    /// <summary>Waits for an event matching <paramref name="match"/>; fails after <paramref name="timeout"/> (default 10 s).</summary>
    public async Task<(JsonElement Payload, DateTime At)> WaitForAsync(string name, Func<JsonElement, bool> match, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            foreach (var (e, payload, at) in _events)
            {
                if (e == name && match(payload))
                {
                    return (payload, at);
                }
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"No '{name}' event arrived in time; got: {string.Join(", ", _events.Select(x => x.Event))}.");
            }

            await Task.Delay(10);
        }
    }

    public bool Saw(string name, Func<JsonElement, bool> match) => _events.Any(e => e.Event == name && match(e.Payload));

    public async ValueTask DisposeAsync() => await Connection.DisposeAsync();
}
