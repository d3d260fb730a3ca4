using System.Diagnostics;
using System.Globalization;

namespace Marketplace.Testing.Servers;

/// <summary>
/// s3rver (npm), an S3-speaking server, as a child process on a free loopback port with its own data folder. Installed
/// on first use with the other test packages (<see cref="TestNpmPackages"/>).
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private readonly Process _process;
    private readonly string _directory;

    private S3rverServer(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        _directory = directory;
    }

    public int Port { get; }

    public string ServiceUrl => $"http://127.0.0.1:{Port}";

    /// <summary>Settings that put an app's media on this server, in <paramref name="bucket"/>.</summary>
    public Dictionary<string, string?> Settings(string bucket) => new()
    {
        ["Media:Store"] = "S3",
        ["Media:S3:ServiceUrl"] = ServiceUrl,
        ["Media:S3:Bucket"] = bucket,
        ["Media:S3:AccessKey"] = AccessKey,
        ["Media:S3:SecretKey"] = SecretKey,
    };

    public static async Task<S3rverServer> StartNewAsync()
    {
        var script = await InstallAsync();
        var port = LocalProcess.FreeLoopbackPort();
        var directory = Path.Combine(Path.GetTempPath(), "marketplace-s3rver", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var info = new ProcessStartInfo(TestNpmPackages.Node())
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { script, "-d", directory, "-a", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture), "--silent" })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Could not start s3rver.");
        // A fixture whose app outlives it (a collection fixture) must not leave the server running after the test run.
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try
            {
                process.Kill(entireProcessTree: true);
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
        };
        var errors = new System.Text.StringBuilder();
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, e) => { lock (errors) { errors.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await LocalProcess.WaitForPortAsync(port, TimeSpan.FromSeconds(30),
            () => process.HasExited ? $"s3rver exited with {process.ExitCode}: {errors}" : "s3rver is still starting.");
        return new S3rverServer(process, port, directory);
    }

    private static async Task<string> InstallAsync()
    {
        var script = Path.Combine(await TestNpmPackages.InstallAsync(), "s3rver", "bin", "s3rver.js");
        return File.Exists(script) ? script : throw new InvalidOperationException($"The s3rver package is not installed ({script} is missing).");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // The OS temp cleaner gets it.
        }
    }
}
