namespace Marketplace.Testing.Servers;

/// <summary>
/// The npm packages the tests use (s3rver, an S3-speaking server; axe-core, the accessibility rules run in the
/// browser), pinned in <c>tests/npm/package.json</c> and its lock file and installed once, on first use, into the
/// git-ignored <c>.cache/test-npm</c> of the repository (npm's download cache is the shared <c>.cache/npm</c>).
/// Needs Node.js and npm (Debian packages <c>nodejs</c> and <c>npm</c>; .ci/run installs them).
/// </summary>
public static class TestNpmPackages
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The installed <c>node_modules</c> folder (installed now if the lock file changed since).</summary>
    public static async Task<string> InstallAsync()
    {
        var root = RepositoryRoot();
        var cache = Path.Combine(root, ".cache", "test-npm");
        var modules = Path.Combine(cache, "node_modules");
        await InstallGate.WaitAsync();
        try
        {
            var source = Path.Combine(root, "tests", "npm");
            var lockFile = Path.Combine(source, "package-lock.json");
            var installedLock = Path.Combine(cache, "package-lock.json");
            if (Directory.Exists(modules) && File.Exists(installedLock) && File.ReadAllText(installedLock) == File.ReadAllText(lockFile))
            {
                return modules;
            }

            Node();
            var npm = new[] { "/usr/bin/npm", "/usr/local/bin/npm" }.FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException("npm is not installed, so the test packages (tests/npm) cannot be installed. " +
                    "Install the Debian packages: apt-get install -y nodejs npm (.ci/run does this).");
            Directory.CreateDirectory(cache);
            File.Copy(Path.Combine(source, "package.json"), Path.Combine(cache, "package.json"), overwrite: true);
            File.Copy(lockFile, installedLock, overwrite: true);
            await LocalProcess.RunAsync(npm, ["ci", "--prefix", cache, "--no-audit", "--no-fund", "--loglevel=error", "--cache", Path.Combine(root, ".cache", "npm")], TimeSpan.FromMinutes(5));
            return Directory.Exists(modules) ? modules : throw new InvalidOperationException($"npm ci did not install the test packages ({modules} is missing).");
        }
        finally
        {
            InstallGate.Release();
        }
    }

    public static string Node() => new[] { "/usr/bin/node", "/usr/local/bin/node", "/usr/bin/nodejs" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Node.js is not installed, so the test packages (npm) cannot run. " +
            "Install the Debian packages: apt-get install -y nodejs npm (.ci/run does this).");

    public static string RepositoryRoot()
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
}
