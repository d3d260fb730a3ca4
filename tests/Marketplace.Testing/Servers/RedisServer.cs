using System.Diagnostics;

namespace Marketplace.Testing.Servers;

/// <summary>
/// A redis-server child process on a free loopback port, without persistence. <see cref="StopAsync"/> kills it and
/// <see cref="StartAsync"/> brings it back on the same port, so outage tests can watch the app degrade and recover.
/// Debian package: <c>redis-server</c>.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    private readonly string _binary;
    private Process? _process;

    private RedisServer(string binary, int port)
    {
        _binary = binary;
        Port = port;
    }

    public int Port { get; }

    /// <summary>A StackExchange.Redis configuration string for <c>Redis:Configuration</c>.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    public bool IsRunning => _process is { HasExited: false };

    public static async Task<RedisServer> StartNewAsync()
    {
        var binary = new[] { "/usr/bin/redis-server", "/usr/local/bin/redis-server" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException(
                "Redis is not installed: no redis-server binary. Install the Debian package: apt-get install -y redis-server " +
                "(then 'service redis-server stop'; the tests start their own server). .ci/run does this.");
        var server = new RedisServer(binary, LocalProcess.FreeLoopbackPort());
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var info = new ProcessStartInfo(_binary)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                     "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no", "--protected-mode", "no" })
        {
            info.ArgumentList.Add(argument);
        }

        _process = Process.Start(info) ?? throw new InvalidOperationException("Could not start redis-server.");
        // Drain its output so a full pipe never blocks it.
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await LocalProcess.WaitForPortAsync(Port, TimeSpan.FromSeconds(20),
            () => _process.HasExited ? $"redis-server exited with {_process.ExitCode}." : "redis-server is still starting.");
    }

    /// <summary>Kills the server abruptly, as a crash or a network cut would.</summary>
    public async Task StopAsync()
    {
        if (_process is null)
        {
            return;
        }

        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        _process = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
