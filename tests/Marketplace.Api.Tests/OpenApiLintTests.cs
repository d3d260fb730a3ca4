using System.Text.Json.Nodes;

namespace Marketplace.Api.Tests;

/// <summary>
/// The API description as integrators get it: docs/openapi.json is the document the API serves, two linters find
/// nothing in it (rules turned off or problems ignored are explained in docs/api.md), and a TypeScript client generated
/// from it type-checks. The linters run from tools/openapi (pinned versions), installed by the first test that needs them.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class OpenApiLintTests(MarketplaceApp app)
{
    private const string HowToUpdate =
        "Regenerate it with `tools/openapi/update.sh` (or `UPDATE_OPENAPI=1 dotnet test tests/Marketplace.Api.Tests -c Release " +
        "--filter FullyQualifiedName~OpenApiLintTests`) and commit docs/openapi.json.";

    private static readonly TimeSpan ToolTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task The_committed_document_is_the_one_the_api_serves()
    {
        await CommittedDocumentIsCurrentAsync();
    }

    [Fact]
    public async Task Spectral_with_the_oas_ruleset_finds_no_error_and_no_warning()
    {
        await CommittedDocumentIsCurrentAsync();
        await OpenApiTools.EnsureInstalledAsync();
        var report = Path.Combine(Path.GetTempPath(), $"spectral-{Guid.NewGuid():N}.json");
        try
        {
            var run = await OpenApiTools.RunAsync(OpenApiTools.Bin("spectral"),
                ["lint", "docs/openapi.json", "--ruleset", "tools/openapi/.spectral.yaml", "--format", "json", "--output", report, "--fail-severity", "hint"],
                OpenApiTools.RepositoryRoot, ToolTimeout);
            Assert.True(File.Exists(report), "spectral wrote no report:\n" + run.Output);
            var results = JsonNode.Parse(await File.ReadAllTextAsync(report))!.AsArray();

            // Severity 0 is an error, 1 a warning; hints and information are not findings.
            var findings = results.Where(r => r!["severity"]!.GetValue<int>() <= 1)
                .Select(r => $"{(r!["severity"]!.GetValue<int>() == 0 ? "error" : "warning")} {r["code"]} at {string.Join('.', r["path"]!.AsArray())}: {r["message"]}")
                .ToList();
            Assert.True(findings.Count == 0, "spectral (spectral:oas) found:\n" + string.Join('\n', findings));
        }
        finally
        {
            File.Delete(report);
        }
    }

    [Fact]
    public async Task Redocly_with_the_recommended_rules_finds_no_error_and_no_warning()
    {
        await CommittedDocumentIsCurrentAsync();
        await OpenApiTools.EnsureInstalledAsync();
        var run = await OpenApiTools.RunAsync(OpenApiTools.Bin("redocly"),
            ["lint", "docs/openapi.json", "--config", "tools/openapi/redocly.yaml", "--format", "json"],
            OpenApiTools.RepositoryRoot, ToolTimeout);
        var start = run.StandardOutput.IndexOf('{');
        Assert.True(start >= 0, "redocly printed no JSON report:\n" + run.Output);
        var report = JsonNode.Parse(run.StandardOutput[start..])!;
        var problems = report["problems"]!.AsArray()
            .Where(p => p!["ignored"]?.GetValue<bool>() != true)
            .Select(p => $"{p!["severity"]} {p["ruleId"]} at {p["location"]?[0]?["pointer"]}: {p["message"]}")
            .ToList();
        Assert.True(report["totals"]!["errors"]!.GetValue<int>() == 0 && report["totals"]!["warnings"]!.GetValue<int>() == 0,
            "redocly (recommended) found:\n" + string.Join('\n', problems));
    }

    [Fact]
    public async Task A_typescript_client_generated_from_the_document_type_checks()
    {
        await CommittedDocumentIsCurrentAsync();
        await OpenApiTools.EnsureInstalledAsync();
        var generated = Path.Combine(OpenApiTools.ToolsDirectory, "generated", "schema.d.ts");
        Directory.CreateDirectory(Path.GetDirectoryName(generated)!); // git-ignored: absent in a fresh clone
        File.Delete(generated);
        var generate = await OpenApiTools.RunAsync(OpenApiTools.Bin("openapi-typescript"),
            ["docs/openapi.json", "--output", generated], OpenApiTools.RepositoryRoot, ToolTimeout);
        Assert.True(generate.ExitCode == 0 && File.Exists(generated), "openapi-typescript failed:\n" + generate.Output);

        // client-check.ts uses the generated types, including two lines that must NOT compile (@ts-expect-error).
        var check = await OpenApiTools.RunAsync(OpenApiTools.Bin("tsc"),
            ["--project", "tools/openapi/tsconfig.json"], OpenApiTools.RepositoryRoot, ToolTimeout);
        Assert.True(check.ExitCode == 0, "tsc --noEmit of tools/openapi/client-check.ts against the generated client failed:\n" + check.Output);
    }

    /// <summary>The committed copy equals the served document; with UPDATE_OPENAPI=1 it is rewritten instead.</summary>
    private async Task CommittedDocumentIsCurrentAsync()
    {
        var response = await app.Anonymous().GetAsync("/openapi/v1.json");
        await response.ShouldHaveStatusAsync(200);
        var live = OpenApiTools.Canonical(await response.Content.ReadAsStringAsync());
        var committed = File.Exists(OpenApiTools.CommittedDocument) ? await File.ReadAllTextAsync(OpenApiTools.CommittedDocument) : "";
        if (committed == live)
        {
            return;
        }

        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(OpenApiTools.CommittedDocument)!);
            await File.WriteAllTextAsync(OpenApiTools.CommittedDocument, live);
            return;
        }

        var liveLines = live.Split('\n');
        var committedLines = committed.Split('\n');
        var line = 0;
        while (line < liveLines.Length && line < committedLines.Length && liveLines[line] == committedLines[line])
        {
            line++;
        }

        Assert.Fail($"docs/openapi.json differs from the document the API serves (first at line {line + 1}:\n" +
                    $"  committed: {(line < committedLines.Length ? committedLines[line].Trim() : "<end>")}\n" +
                    $"  served:    {(line < liveLines.Length ? liveLines[line].Trim() : "<end>")}).\n" + HowToUpdate);
    }
}
