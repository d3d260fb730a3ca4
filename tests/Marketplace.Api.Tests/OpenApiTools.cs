using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Marketplace.Testing.Servers;

namespace Marketplace.Api.Tests;

/// <summary>
/// The repository's OpenAPI tooling: the committed document (docs/openapi.json) and the pinned npm linters and client
/// generator of tools/openapi, installed with `npm ci` into .cache/openapi-tools (git-ignored) once per machine and
/// again only when tools/openapi/package-lock.json changes.
/// </summary>
internal static class OpenApiTools
{
    public static readonly string RepositoryRoot = FindRepositoryRoot();
    public static readonly string ToolsDirectory = Path.Combine(RepositoryRoot, "tools", "openapi");
    public static readonly string CommittedDocument = Path.Combine(RepositoryRoot, "docs", "openapi.json");
    public static readonly string InstallDirectory = Path.Combine(RepositoryRoot, ".cache", "openapi-tools");

    private static readonly SemaphoreSlim InstallLock = new(1, 1);
    private static bool _installed;

    /// <summary>The document in the form it is committed: indented, readable non-ASCII, one trailing newline.</summary>
    public static string Canonical(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
            .ReplaceLineEndings("\n") + "\n";

    public static string Bin(string tool) => Path.Combine(InstallDirectory, "node_modules", ".bin", tool);

    public static async Task EnsureInstalledAsync()
    {
        await InstallLock.WaitAsync();
        try
        {
            if (_installed)
            {
                return;
            }

            var lockFile = Path.Combine(ToolsDirectory, "package-lock.json");
            var wanted = Convert.ToHexString(SHA256.HashData(await File.ReadAllBytesAsync(lockFile)));
            var stamp = Path.Combine(InstallDirectory, ".installed");
            if (!File.Exists(stamp) || await File.ReadAllTextAsync(stamp) != wanted || !File.Exists(Bin("spectral")))
            {
                var npm = await RunAsync("npm", ["--version"], RepositoryRoot, TimeSpan.FromMinutes(1), failIfMissing: false);
                Assert.True(npm.ExitCode == 0,
                    "node and npm are needed to lint the OpenAPI document: install the Debian packages nodejs and npm " +
                    "(.ci/run does). " + npm.Output);
                var node = await RunAsync("node", ["-p", "process.versions.node"], RepositoryRoot, TimeSpan.FromMinutes(1), failIfMissing: false);
                Assert.True(node.ExitCode == 0 && Version.TryParse(node.StandardOutput.Trim(), out var version) && version >= new Version(20, 19),
                    $"Node.js 20.19 or later is needed by @redocly/cli (found '{node.Output.Trim()}'): install a newer nodejs package.");
                Directory.CreateDirectory(InstallDirectory);
                File.Copy(Path.Combine(ToolsDirectory, "package.json"), Path.Combine(InstallDirectory, "package.json"), overwrite: true);
                File.Copy(lockFile, Path.Combine(InstallDirectory, "package-lock.json"), overwrite: true);
                var install = await RunAsync("npm",
                    ["ci", "--no-audit", "--no-fund", "--loglevel=error", "--cache", Path.Combine(RepositoryRoot, ".cache", "npm")],
                    InstallDirectory, TimeSpan.FromMinutes(8));
                Assert.True(install.ExitCode == 0,
                    "npm ci of tools/openapi (@stoplight/spectral-cli, @redocly/cli, openapi-typescript, typescript) failed:\n" + install.Output);
                await File.WriteAllTextAsync(stamp, wanted);
            }

            _installed = true;
        }
        finally
        {
            InstallLock.Release();
        }
    }

    /// <summary>Node tools print colours and update notices for people; the tests read their output.</summary>
    private static readonly Dictionary<string, string> QuietNode = new()
    {
        ["NO_COLOR"] = "1",
        ["NO_UPDATE_NOTIFIER"] = "1",
        ["REDOCLY_TELEMETRY"] = "off",
        ["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true",
    };

    public static async Task<LocalProcess.Result> RunAsync(
        string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, bool failIfMissing = true)
    {
        try
        {
            return await LocalProcess.RunToEndAsync(fileName, arguments, timeout, workingDirectory, QuietNode);
        }
        catch (System.ComponentModel.Win32Exception e) when (!failIfMissing)
        {
            return new LocalProcess.Result(fileName, -1, "", $"{fileName} is not installed: {e.Message}");
        }
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Marketplace.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Marketplace.sln not found above " + AppContext.BaseDirectory);
    }
}
