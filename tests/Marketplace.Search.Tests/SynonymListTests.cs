using Marketplace.Search.Analysis;

namespace Marketplace.Search.Tests;

public sealed class SynonymListTests
{
    [Fact]
    public void The_shipped_list_links_pempek_with_empek_empek_written_either_way()
    {
        var list = SynonymList.Default;
        Assert.Contains("empek empek", list.Find("pempek")!);
        Assert.Contains("pempek", list.Find(SynonymList.Normalize("Empek-Empek"))!);
        Assert.Contains("kripik", list.Find("keripik")!);
        Assert.Contains("buah tangan", list.Find("oleh oleh")!);
    }

    [Fact]
    public void Normalizing_folds_case_accents_and_punctuation()
    {
        Assert.Equal("empek empek", SynonymList.Normalize("  Émpek--Empek! "));
        Assert.Equal("", SynonymList.Normalize("*\":~("));
    }

    [Fact]
    public void One_way_mappings_are_refused()
    {
        Assert.Throws<FormatException>(() => SynonymList.Parse("a => b"));
    }
}
