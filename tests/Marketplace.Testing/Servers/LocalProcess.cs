using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Marketplace.Testing.Servers;

/// <summary>Small helpers for starting real servers (PostgreSQL, Redis) as local processes on loopback.</summary>
public static class LocalProcess
{
    /// <summary>A port that was free a moment ago; the server binds it right after, so a clash is unlikely.</summary>
    public static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>Runs a command to completion; throws with its output when it fails.</summary>
    public static async Task<string> RunAsync(string fileName, IEnumerable<string> arguments, TimeSpan timeout)
    {
        var result = await RunToEndAsync(fileName, arguments, timeout);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"{result.CommandLine} exited with {result.ExitCode}:\n{result.Output}");
        }

        return result.Output;
    }

    /// <summary>What a finished command said: its exit code, its standard output, and both streams together.</summary>
    public sealed record Result(string CommandLine, int ExitCode, string StandardOutput, string Output);

    /// <summary>Runs a command to completion and returns what it said, whatever its exit code; throws on a time-out.</summary>
    public static async Task<Result> RunToEndAsync(
        string fileName, IEnumerable<string> arguments, TimeSpan timeout, string? workingDirectory = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? "",
        };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var commandLine = $"{fileName} {string.Join(' ', info.ArgumentList)}";
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{commandLine} did not finish within {timeout}.");
        }

        var output = await stdout;
        return new Result(commandLine, process.ExitCode, output, output + await stderr);
    }

    /// <summary>Waits until something accepts TCP connections on the loopback port.</summary>
    public static async Task WaitForPortAsync(int port, TimeSpan timeout, Func<string> diagnostics)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(50);
            }
            catch (SocketException ex)
            {
                throw new TimeoutException($"Nothing listens on 127.0.0.1:{port} after {timeout}. {diagnostics()}", ex);
            }
        }
    }
}
