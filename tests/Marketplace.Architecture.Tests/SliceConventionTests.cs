using System.Text.RegularExpressions;

namespace Marketplace.Architecture.Tests;

/// <summary>
/// The one convention for feature slices, checked on the module sources (text, not Roslyn: the rules are about where
/// things are written, and a plain scan says so in a few lines):
/// routes are mapped only from <c>&lt;Area&gt;Endpoints.cs</c> (or the module's entry point), so every route of a module
/// is found in one place per area; a use case is one file holding its request record and that record's validator;
/// request records and validators are <c>internal sealed</c>.
/// </summary>
public sealed partial class SliceConventionTests
{
    private static readonly IReadOnlyList<SourceFile> ModuleSources = LoadModuleSources();

    [Fact]
    public void The_module_sources_are_found()
    {
        Assert.Contains(ModuleSources, f => f.Path.EndsWith("CatalogModule.cs", StringComparison.Ordinal));
        Assert.Contains(ModuleSources, f => f.Name.EndsWith("Endpoints.cs", StringComparison.Ordinal));
    }

    [Fact]
    public void Routes_are_mapped_only_from_endpoints_files_or_the_module_entry_point()
    {
        var offending = ModuleSources
            .Where(f => !f.Name.EndsWith("Endpoints.cs", StringComparison.Ordinal) && !f.Name.EndsWith("Module.cs", StringComparison.Ordinal))
            .SelectMany(f => MapCall().Matches(f.Text).Select(m => $"{f.Path}:{f.LineOf(m.Index)} {m.Value}"))
            .ToList();

        Assert.True(offending.Count == 0, "Map routes in <Area>Endpoints.cs:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void A_file_holds_at_most_one_request_that_is_one_use_case()
    {
        var offending = ModuleSources
            .Select(f => (f.Path, Requests: UseCases(f.Text)))
            .Where(x => x.Requests.Count > 1)
            .Select(x => $"{x.Path}: {string.Join(", ", x.Requests)}")
            .ToList();

        Assert.True(offending.Count == 0, "One use case per file:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void A_request_validator_sits_in_the_file_of_its_request()
    {
        var offending = ModuleSources
            .SelectMany(f => Validator().Matches(f.Text)
                .Select(m => m.Groups["target"].Value)
                .Where(target => target.EndsWith("Request", StringComparison.Ordinal))
                .Where(target => !Regex.IsMatch(f.Text, $@"\brecord\s+{Regex.Escape(target)}\b"))
                .Select(target => $"{f.Path}: validator of {target}"))
            .ToList();

        Assert.True(offending.Count == 0, "Keep the validator beside its request:\n" + string.Join("\n", offending));
    }

    [Fact]
    public void Request_records_and_validators_are_internal_sealed()
    {
        var offending = ModuleSources
            .SelectMany(f => RequestRecord().Matches(f.Text).Concat(Validator().Matches(f.Text))
                .Where(m => !m.Groups["modifiers"].Value.Contains("internal", StringComparison.Ordinal)
                    || !m.Groups["modifiers"].Value.Contains("sealed", StringComparison.Ordinal))
                .Select(m => $"{f.Path}:{f.LineOf(m.Index)} {m.Value.Trim()}"))
            .ToList();

        Assert.True(offending.Count == 0, "Make them internal sealed:\n" + string.Join("\n", offending));
    }

    /// <summary>
    /// The request records of a file that are use cases: a request used as a part of another request of the same file
    /// (a refund's lines) belongs to that use case.
    /// </summary>
    private static List<string> UseCases(string text)
    {
        var declarations = RequestRecord().Matches(text)
            .Select(m => (Name: m.Groups["name"].Value, Header: text[m.Index..(text.IndexOf(';', m.Index) is var end and >= 0 ? end : text.Length)]))
            .ToList();
        return declarations
            .Where(d => !declarations.Any(other => other.Name != d.Name && Regex.IsMatch(other.Header, $@"\b{Regex.Escape(d.Name)}\b")))
            .Select(d => d.Name)
            .ToList();
    }

    // Calls that add a route or a route group to an endpoint builder.
    [GeneratedRegex(@"\.Map(Get|Post|Put|Patch|Delete|Group|Methods)\s*\(")]
    private static partial Regex MapCall();

    [GeneratedRegex(@"^(?<modifiers>[ \t]*(?:(?:public|internal|private|protected|sealed|partial|abstract)\s+)*)record\s+(?:class\s+)?(?<name>\w+Request)\b", RegexOptions.Multiline)]
    private static partial Regex RequestRecord();

    [GeneratedRegex(@"^(?<modifiers>[ \t]*(?:(?:public|internal|private|protected|sealed|partial|abstract)\s+)*)class\s+\w+\s*:\s*AbstractValidator<(?<target>\w+)>", RegexOptions.Multiline)]
    private static partial Regex Validator();

    private static IReadOnlyList<SourceFile> LoadModuleSources()
    {
        var modules = Path.Combine(RepositoryRoot(), "src", "Modules");
        return Directory.EnumerateFiles(modules, "*.cs", SearchOption.AllDirectories)
            .Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !p.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(p => new SourceFile(Path.GetRelativePath(modules, p), Path.GetFileName(p), File.ReadAllText(p)))
            .ToList();
    }

    private static string RepositoryRoot()
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

    private sealed record SourceFile(string Path, string Name, string Text)
    {
        public int LineOf(int index) => Text.AsSpan(0, index).Count('\n') + 1;
    }
}
