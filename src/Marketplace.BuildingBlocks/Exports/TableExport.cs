using System.Globalization;
using ClosedXML.Excel;
using CsvHelper;
using Microsoft.AspNetCore.Http;

namespace Marketplace.BuildingBlocks.Exports;

/// <summary>A file format a table can be downloaded in.</summary>
public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// A rectangular table to hand on (to a spreadsheet, a report): a sheet name, column headings and rows of plain values
/// (text, whole numbers, dates). Money is written as integer minor units in its own column, never as a float.
/// </summary>
public sealed record ExportTable(string Name, IReadOnlyList<string> Columns, IReadOnlyList<IReadOnlyList<object?>> Rows);

/// <summary>
/// Writes an <see cref="ExportTable"/> as CSV (RFC 4180 through CsvHelper, UTF-8 with a byte-order mark so Excel reads
/// Indonesian names right) or XLSX (ClosedXML). Cells that a spreadsheet would run as a formula (starting with = + - @,
/// a tab or a carriage return) are prefixed with an apostrophe in CSV: the names in these tables are typed by merchants
/// and visitors, and a Dinas opens the file in Excel (OWASP "CSV injection"). XLSX cells are written as text or numbers,
/// never as formulas, so they need no prefix.
/// </summary>
public static class TableExport
{
    public const string CsvContentType = "text/csv; charset=utf-8";
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static bool TryParse(string? format, out ExportFormat parsed)
    {
        switch (format?.ToLowerInvariant())
        {
            case "csv":
                parsed = ExportFormat.Csv;
                return true;
            case "xlsx":
                parsed = ExportFormat.Xlsx;
                return true;
            default:
                parsed = default;
                return false;
        }
    }

    /// <summary>The table as a download named <paramref name="fileName"/> plus the format's extension.</summary>
    public static IResult File(ExportTable table, ExportFormat format, string fileName) => format == ExportFormat.Csv
        ? Results.File(Csv(table), CsvContentType, fileName + ".csv")
        : Results.File(Xlsx(table), XlsxContentType, fileName + ".xlsx");

    public static byte[] Csv(ExportTable table)
    {
        using var stream = new MemoryStream();
        using (var writer = new StreamWriter(stream, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true)))
        using (var csv = CsvWriter.Create(writer, CsvWriterOptions.Default, true))
        {
            csv.WriteRecord(table.Columns.ToArray());
            foreach (var row in table.Rows)
            {
                csv.WriteRecord(row.Select(CsvCell).ToArray());
            }

            csv.Flush();
        }

        return stream.ToArray();
    }

    public static byte[] Xlsx(ExportTable table)
    {
        using var workbook = new XLWorkbook();
        var sheet = workbook.Worksheets.Add(SheetName(table.Name));
        for (var c = 0; c < table.Columns.Count; c++)
        {
            sheet.Cell(1, c + 1).SetValue(table.Columns[c]);
            sheet.Cell(1, c + 1).Style.Font.Bold = true;
        }

        for (var r = 0; r < table.Rows.Count; r++)
        {
            var row = table.Rows[r];
            for (var c = 0; c < row.Count; c++)
            {
                var cell = sheet.Cell(r + 2, c + 1);
                switch (row[c])
                {
                    case null:
                        break;
                    case long l:
                        cell.SetValue(l);
                        break;
                    case int i:
                        cell.SetValue(i);
                        break;
                    case DateOnly d:
                        cell.SetValue(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                        break;
                    case DateTimeOffset t:
                        cell.SetValue(t.ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture));
                        break;
                    default:
                        // SetValue<string> stores text as text: a name starting with "=" stays a name.
                        cell.SetValue(Convert.ToString(row[c], CultureInfo.InvariantCulture) ?? "");
                        break;
                }
            }
        }

        sheet.SheetView.FreezeRows(1);
        using var stream = new MemoryStream();
        workbook.SaveAs(stream);
        return stream.ToArray();
    }

    private static string CsvCell(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTimeOffset t => t.ToString("O", CultureInfo.InvariantCulture),
        long or int => Convert.ToString(value, CultureInfo.InvariantCulture)!,
        _ => Defuse(Convert.ToString(value, CultureInfo.InvariantCulture) ?? ""),
    };

    private static string Defuse(string text) =>
        text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;

    /// <summary>Excel sheet names: at most 31 characters, none of : \ / ? * [ ].</summary>
    private static string SheetName(string name)
    {
        var clean = new string(name.Where(c => c is not (':' or '\\' or '/' or '?' or '*' or '[' or ']')).ToArray());
        return clean.Length == 0 ? "Sheet1" : clean.Length > 31 ? clean[..31] : clean;
    }
}
