using System.Text.Json;
using Marketplace.Testing.Servers;
using Microsoft.Playwright;

namespace Marketplace.Web.Tests.Accessibility;

/// <summary>
/// axe-core (the rules behind @axe-core/cli and Lighthouse's accessibility audit), pinned in tests/npm, run inside the
/// page as the shopper sees it: WCAG 2.1 A and AA rules plus axe's best practices. Any page test can call
/// <see cref="AssertNoViolationsAsync"/> on a page opened with <see cref="Browser.NewPageAsync"/>.
/// </summary>
public static class Axe
{
    private static string? Source;

    private static readonly string[] Tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"];

    public sealed record Violation(string Id, string? Impact, string Help, IReadOnlyList<string> Targets);

    public static async Task<IReadOnlyList<Violation>> RunAsync(IPage page)
    {
        var script = Path.Combine(await TestNpmPackages.InstallAsync(), "axe-core", "axe.min.js");
        if (await page.EvaluateAsync<bool>("() => typeof window.axe === 'undefined'"))
        {
            // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not apply to, so the
            // page is checked with its real policy (a script tag would be refused, rightly).
            await page.EvaluateAsync(Source ??= await File.ReadAllTextAsync(script));
        }

        var json = await page.EvaluateAsync<string>(
            """
            async (tags) => {
              const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
              return JSON.stringify(result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')) })));
            }
            """, Tags);
        return JsonSerializer.Deserialize<List<Violation>>(json, JsonSerializerOptions.Web) ?? [];
    }

    public static async Task AssertNoViolationsAsync(IPage page, string what)
    {
        var violations = await RunAsync(page);
        Assert.True(violations.Count == 0,
            $"axe found {violations.Count} violation(s) on {what} ({page.Url}):\n" + string.Join("\n", violations.Select(v =>
                $"  {v.Id} [{v.Impact}] {v.Help}: {string.Join(" | ", v.Targets)}")));
    }
}
