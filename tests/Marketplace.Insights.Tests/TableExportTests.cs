using ClosedXML.Excel;
using Marketplace.BuildingBlocks.Exports;

namespace Marketplace.Insights.Tests;

/// <summary>The XLSX every export hands on (insights, organiser booths, leads), opened the way Excel would read it.</summary>
public sealed class TableExportTests
{
    [Fact]
    public void The_workbook_has_a_bold_frozen_heading_numbers_as_numbers_and_typed_text_never_as_a_formula()
    {
        var table = new ExportTable("Insights: Jawa/Timur [2026]?",
            ["city", "booth", "orders", "paid_gmv_minor", "month", "note"],
            [
                ["Kota Malang", "=HYPERLINK(\"http://evil.example\",\"klik\")", 12L, 1_250_000_00L, new DateOnly(2026, 11, 1), null],
                ["Kab. Kediri", "Tenun Ikat Bandar Kidul — 🧵 <b>asli</b>", 3, 0L, new DateOnly(2026, 10, 1), "baris\u0001dua\ttiga"],
            ]);

        using var workbook = new XLWorkbook(new MemoryStream(TableExport.Xlsx(table)));
        var sheet = Assert.Single(workbook.Worksheets);
        Assert.Equal("Insights JawaTimur 2026", sheet.Name);
        Assert.Equal("booth", sheet.Cell(1, 2).GetString());
        Assert.True(sheet.Cell(1, 2).Style.Font.Bold);
        Assert.False(sheet.Cell(2, 2).Style.Font.Bold);
        Assert.Equal(1, sheet.SheetView.SplitRow);

        var formula = sheet.Cell(2, 2);
        Assert.False(formula.HasFormula);
        Assert.Equal("=HYPERLINK(\"http://evil.example\",\"klik\")", formula.GetString());
        Assert.Equal(XLDataType.Number, sheet.Cell(2, 3).DataType);
        Assert.Equal(125_000_000, sheet.Cell(2, 4).GetDouble());
        Assert.Equal("2026-11-01", sheet.Cell(2, 5).GetString());
        Assert.True(sheet.Cell(2, 6).IsEmpty());
        Assert.Equal(3, sheet.Cell(3, 3).GetDouble());
        Assert.Equal("Tenun Ikat Bandar Kidul — 🧵 <b>asli</b>", sheet.Cell(3, 2).GetString());
        Assert.Equal("barisdua\ttiga", sheet.Cell(3, 6).GetString()); // a control character XML cannot carry is dropped, a tab kept
    }

    [Fact]
    public void A_large_table_is_written_whole()
    {
        var rows = Enumerable.Range(0, 20_000).Select(i => (IReadOnlyList<object?>)[$"35.{i % 38:00}", i, (long)i * 100]).ToList();
        using var workbook = new XLWorkbook(new MemoryStream(TableExport.Xlsx(new ExportTable("Cells", ["city", "n", "gmv"], rows))));
        var sheet = workbook.Worksheet(1);
        Assert.Equal(20_001, sheet.LastRowUsed().RowNumber());
        Assert.Equal(19_999, sheet.Cell(20_001, 2).GetDouble());
        Assert.Equal(1_999_900, sheet.Cell(20_001, 3).GetDouble());
    }
}
