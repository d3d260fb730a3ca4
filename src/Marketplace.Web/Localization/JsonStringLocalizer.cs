using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Localization;

namespace Marketplace.Web.Localization;

/// <summary>The marker type pages ask for: <c>@inject IStringLocalizer&lt;Strings&gt; L</c>.</summary>
internal sealed class Strings;

/// <summary>
/// The page texts in small JSON files embedded in the assembly (<c>id.json</c> first, <c>en.json</c> second; an area may add <c>id.area.json</c>/<c>en.area.json</c>): one key
/// per text, flat, so a translator edits a list and a missing key is found by a test rather than by a shopper.
/// A key missing in the asked language falls back to Indonesian, then to the key itself.
/// </summary>
internal sealed class JsonStringLocalizer : IStringLocalizer
{
    public const string DefaultLanguage = "id";

    public static readonly IReadOnlyList<string> Languages = ["id", "en"];

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> Texts = Load();

    public LocalizedString this[string name]
    {
        get
        {
            var (value, found) = Find(name);
            return new LocalizedString(name, value, resourceNotFound: !found);
        }
    }

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            var (value, found) = Find(name);
            return new LocalizedString(name, string.Format(CultureInfo.CurrentCulture, value, arguments), resourceNotFound: !found);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        Table(Language()).Select(pair => new LocalizedString(pair.Key, pair.Value));

    /// <summary>Every key of a language, for the test that both files have the same keys.</summary>
    public static IReadOnlyCollection<string> Keys(string language) => Table(language).Keys;

    public static string Language() => Normalize(CultureInfo.CurrentUICulture.TwoLetterISOLanguageName);

    public static string Normalize(string? language) =>
        language is not null && Languages.Contains(language, StringComparer.OrdinalIgnoreCase) ? language.ToLowerInvariant() : DefaultLanguage;

    private static (string Value, bool Found) Find(string name)
    {
        if (Table(Language()).TryGetValue(name, out var value) || Table(DefaultLanguage).TryGetValue(name, out value))
        {
            return (value, true);
        }

        return (name, false);
    }

    private static FrozenDictionary<string, string> Table(string language) =>
        Texts.TryGetValue(language, out var table) ? table : Texts[DefaultLanguage];

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(JsonStringLocalizer).Assembly;
        var tables = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var language in Languages)
        {
            // id.json, plus one file per area (id.seller.json, …) so areas built in parallel do not edit one file. The language
            // comes first in the name: "seller.id.json" would be taken by MSBuild for an Indonesian satellite resource.
            var map = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var resource in assembly.GetManifestResourceNames()
                         .Where(n => n.EndsWith($".Localization.{language}.json", StringComparison.Ordinal)
                                     || (n.Contains($".Localization.{language}.", StringComparison.Ordinal) && n.EndsWith(".json", StringComparison.Ordinal)))
                         .Order(StringComparer.Ordinal))
            {
                using var stream = assembly.GetManifestResourceStream(resource)!;
                foreach (var (key, value) in JsonSerializer.Deserialize<Dictionary<string, string>>(stream) ?? [])
                {
                    if (!map.TryAdd(key, value))
                    {
                        throw new InvalidOperationException($"The text key {key} is in two files of {language} ({resource}).");
                    }
                }
            }

            tables[language] = map.ToFrozenDictionary(StringComparer.Ordinal);
        }

        return tables.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }
}

internal sealed class JsonStringLocalizer<T> : IStringLocalizer<T>
{
    private readonly JsonStringLocalizer _inner = new();

    public LocalizedString this[string name] => _inner[name];

    public LocalizedString this[string name, params object[] arguments] => _inner[name, arguments];

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => _inner.GetAllStrings(includeParentCultures);
}
