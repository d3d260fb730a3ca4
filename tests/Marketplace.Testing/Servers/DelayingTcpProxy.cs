using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;

namespace Marketplace.Testing.Servers;

/// <summary>
/// A TCP proxy on a free loopback port in front of a real server (redis-server, s3rver…) that makes the server slow:
/// every chunk the server sends back reaches the client <see cref="Delay"/> after it arrived (in order, pipelined — a
/// burst of replies is late by the delay, not by the delay times the burst). Point the app at <see cref="Endpoint"/>
/// instead of the server; with <see cref="Delay"/> zero it is a plain forwarder, so a test can connect first and
/// make the server slow later, then fast again.
/// </summary>
public sealed class DelayingTcpProxy : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _connections = [];
    private readonly Task _accepting;
    private long _delayTicks;

    public DelayingTcpProxy(int targetPort)
    {
        _target = new IPEndPoint(IPAddress.Loopback, targetPort);
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>How late the server's answers reach the client; changed at any time, applies to what arrives next.</summary>
    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _delayTicks));
        set => Interlocked.Exchange(ref _delayTicks, value.Ticks);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        lock (_connections)
        {
            foreach (var connection in _connections)
            {
                connection.Dispose();
            }
        }

        try
        {
            await _accepting;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var server = new TcpClient();
        lock (_connections)
        {
            _connections.Add(client);
            _connections.Add(server);
        }

        try
        {
            client.NoDelay = server.NoDelay = true;
            await server.ConnectAsync(_target, _stop.Token);
            using var cancel = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
            var up = PumpAsync(client.GetStream(), server.GetStream(), delayed: false, cancel.Token);
            var down = PumpAsync(server.GetStream(), client.GetStream(), delayed: true, cancel.Token);
            await Task.WhenAny(up, down);
            await cancel.CancelAsync();
        }
        catch (Exception e) when (e is SocketException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // One side went away; the other is closed below, as a real network hop would.
        }
        finally
        {
            client.Dispose();
        }
    }

    private async Task PumpAsync(Stream from, Stream to, bool delayed, CancellationToken ct)
    {
        var chunks = Channel.CreateUnbounded<(byte[] Data, long DueTimestamp)>();
        var writing = Task.Run(async () =>
        {
            await foreach (var (data, due) in chunks.Reader.ReadAllAsync(ct))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait, ct);
                }

                await to.WriteAsync(data, ct);
            }
        }, ct);
        try
        {
            var buffer = new byte[64 * 1024];
            while (true)
            {
                var read = await from.ReadAsync(buffer, ct);
                if (read == 0)
                {
                    break;
                }

                var due = Stopwatch.GetTimestamp() + (delayed ? (long)(Delay.TotalSeconds * Stopwatch.Frequency) : 0);
                chunks.Writer.TryWrite((buffer[..read], due));
            }
        }
        finally
        {
            chunks.Writer.TryComplete();
            await writing;
        }
    }
}
