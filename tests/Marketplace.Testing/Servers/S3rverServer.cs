using System.Diagnostics;
using System.Globalization;

namespace Marketplace.Testing.Servers;

/// <summary>
/// s3rver (npm), an S3-speaking server, as a child process on a free loopback port with its own data folder. Installed
/// on first use from <c>tests/npm/package.json</c> (and its lock file) into the git-ignored <c>.cache</c> of the
/// repository (<c>.cache/s3rver</c>; npm's download cache is the shared <c>.cache/npm</c>). Needs Node.js and npm (Debian packages <c>nodejs</c> and <c>npm</c>; .ci/run installs them).
/// </summary>
public sealed class S3rverServer : IAsyncDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";

    private static readonly SemaphoreSlim InstallGate = new(1, 1);
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
        var info = new ProcessStartInfo(Node())
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

    /// <summary>Installs s3rver into the repository's .cache/s3rver once (npm ci from the committed lock file).</summary>
    private static async Task<string> InstallAsync()
    {
        var root = RepositoryRoot();
        var cache = Path.Combine(root, ".cache", "s3rver");
        var script = Path.Combine(cache, "node_modules", "s3rver", "bin", "s3rver.js");
        await InstallGate.WaitAsync();
        try
        {
            var source = Path.Combine(root, "tests", "npm");
            var lockFile = Path.Combine(source, "package-lock.json");
            var installedLock = Path.Combine(cache, "package-lock.json");
            if (File.Exists(script) && File.Exists(installedLock) && File.ReadAllText(installedLock) == File.ReadAllText(lockFile))
            {
                return script;
            }

            Node();
            var npm = new[] { "/usr/bin/npm", "/usr/local/bin/npm" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("npm is not installed, so the s3rver package cannot be installed. " +
                    "Install the Debian packages: apt-get install -y nodejs npm (.ci/run does this).");
            Directory.CreateDirectory(cache);
            File.Copy(Path.Combine(source, "package.json"), Path.Combine(cache, "package.json"), overwrite: true);
            File.Copy(lockFile, installedLock, overwrite: true);
            await LocalProcess.RunAsync(npm, ["ci", "--prefix", cache, "--no-audit", "--no-fund", "--loglevel=error", "--cache", Path.Combine(root, ".cache", "npm")], TimeSpan.FromMinutes(5));
            return File.Exists(script) ? script : throw new InvalidOperationException($"npm ci did not install the s3rver package ({script} is missing).");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static string Node() => new[] { "/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Node.js is not installed, so the s3rver package (npm) cannot run. " +
            "Install the Debian packages: apt-get install -y nodejs npm (.ci/run does this).");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Could not find the repository root (Marketplace.sln) above " + AppContext.BaseDirectory);
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
