using System.Text.Json;
using Marketplace.Testing.Servers;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests;

/// <summary>
/// axe-core (the engine behind Lighthouse's accessibility audit and @axe-core/cli) injected into a page the browser test
/// has open, run with the WCAG 2.x A/AA rules. Installed from tests/Marketplace.Web.Tests/npm (package.json and lock
/// file) with `npm ci` into the git-ignored .cache/axe once per machine. A missing Node.js/npm fails naming the packages.
/// The page's context must be made with <c>BypassCSP</c>: the page's CSP rightly forbids the injected script.
/// </summary>
public static class Axe
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);

    /// <summary>The violations on the page as "rule: target…" lines (empty when there are none).</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page)
    {
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Path = await InstallAsync() });
        var json = await page.EvaluateAsync<string>("""
            async () => JSON.stringify((await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } }))
                .violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).slice(0, 5).join(', ')))
            """);
        return JsonSerializer.Deserialize<string[]>(json) ?? [];
    }

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await ViolationsAsync(page);
        Assert.True(violations.Count == 0, $"axe found {violations.Count} violation(s) on {what}:\n" + string.Join("\n", violations));
    }

    private static async Task<string> InstallAsync()
    {
        var root = Browser.RepositoryRoot();
        var cache = Path.Combine(root, ".cache", "axe");
        var script = Path.Combine(cache, "node_modules", "axe-core", "axe.min.js");
        await InstallGate.WaitAsync();
        try
        {
            var source = Path.Combine(root, "tests", "Marketplace.Web.Tests", "npm");
            var lockFile = Path.Combine(source, "package-lock.json");
            var installedLock = Path.Combine(cache, "package-lock.json");
            if (File.Exists(script) && File.Exists(installedLock) && File.ReadAllText(installedLock) == File.ReadAllText(lockFile))
            {
                return script;
            }

            var npm = new[] { "/usr/bin/npm", "/usr/local/bin/npm" }.FirstOrDefault(File.Exists);
            Assert.True(npm is not null, "npm is needed to install axe-core for the accessibility checks: apt-get install -y nodejs npm (.ci/run does this).");
            Directory.CreateDirectory(cache);
            File.Copy(Path.Combine(source, "package.json"), Path.Combine(cache, "package.json"), overwrite: true);
            File.Copy(lockFile, installedLock, overwrite: true);
            await LocalProcess.RunAsync(npm!, ["ci", "--prefix", cache, "--no-audit", "--no-fund", "--loglevel=error", "--cache", Path.Combine(root, ".cache", "npm")], TimeSpan.FromMinutes(5));
            Assert.True(File.Exists(script), $"npm ci did not install axe-core ({script} is missing).");
            return script;
        }
        finally
        {
            InstallGate.Release();
        }
    }
}
