using Vigie.Web.Features.Imports;

using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using ExcelDataReader;

namespace Vigie.Web.Features.Territories;

/// <summary>What the geography readers share: CSV and XLSX rows by header name, code formats and French row errors.</summary>
public static partial class GeographyCells
{
    static GeographyCells()
    {
        // ExcelDataReader may ask for legacy code pages (xls); harmless for xlsx.
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    }

    [GeneratedRegex(@"^(\d{5}|2[AB]\d{3})$")] internal static partial Regex CommuneCode();
    [GeneratedRegex(@"^(\d{2,3}|2[AB])$")] internal static partial Regex DepartementCode();
    [GeneratedRegex(@"^\d{2}$")] internal static partial Regex RegionCode();
    [GeneratedRegex(@"^\d{9}$")] internal static partial Regex Siren();

    public static IEnumerable<(int Line, Func<string, string> Get)> ReadCsv(ImportFile file, char delimiter, string[] columns)
    {
        using var stream = file.Open();
        using var text = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        var config = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            Delimiter = delimiter.ToString(),
            HasHeaderRecord = true,
            MissingFieldFound = null,
            BadDataFound = null,
            DetectColumnCountChanges = false,
        };
        using var csv = new CsvReader(text, config);
        if (!csv.Read() || !csv.ReadHeader())
            throw new UserInputException($"{file.Name} : le fichier est vide.");
        var map = HeaderMap(csv.HeaderRecord ?? [], columns, file.Name);
        while (csv.Read())
        {
            var line = csv.Parser.RawRow;
            var record = csv.Parser.Record ?? [];
            if (record.All(string.IsNullOrWhiteSpace)) continue;
            if (record.Length < map.Values.Max() + 1)
                throw RowError(file.Name, line, $"{record.Length} colonne(s) au lieu de {csv.HeaderRecord!.Length}.");
            yield return (line, c => record[map[c]].Trim());
        }
    }

    public static Dictionary<string, int> HeaderMap(IReadOnlyList<string> header, string[] columns, string file)
    {
        var map = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Count; i++)
            map.TryAdd((header[i] ?? "").Trim().TrimStart('\uFEFF'), i);
        var missing = columns.Where(c => !map.ContainsKey(c)).ToList();
        if (missing.Count > 0)
            throw new UserInputException(missing.Count == 1
                ? $"{file} : la colonne « {missing[0]} » est manquante dans l'en-tête."
                : $"{file} : les colonnes {string.Join(", ", missing.Select(m => $"« {m} »"))} sont manquantes dans l'en-tête.");
        return map;
    }

    public static Stream OpenSeekable(ImportFile file)
    {
        var s = file.Open();
        if (s.CanSeek) return s;
        var copy = new MemoryStream();
        using (s) s.CopyTo(copy);
        copy.Position = 0;
        return copy;
    }

    public static IExcelDataReader OpenExcel(Stream stream, string name)
    {
        try
        {
            return ExcelReaderFactory.CreateOpenXmlReader(stream);
        }
        catch (Exception e) when (e is ExcelDataReader.Exceptions.HeaderException or InvalidDataException or IOException)
        {
            throw new UserInputException($"{name} : ce n'est pas un classeur Excel (.xlsx) lisible.");
        }
    }

    public static string[] ExcelRow(IExcelDataReader reader)
    {
        var cells = new string[reader.FieldCount];
        for (var i = 0; i < cells.Length; i++)
            cells[i] = reader.GetValue(i) switch
            {
                null => "",
                string s => s.Trim(),
                double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
                var v => Convert.ToString(v, CultureInfo.InvariantCulture)?.Trim() ?? "",
            };
        return cells;
    }

    public static string Required(Func<string, string> get, string column, string file, int line)
    {
        var v = get(column);
        return v.Length > 0 ? v : throw RowError(file, line, $"la colonne « {column} » est vide.");
    }

    public static int ParseInt(string value, string file, int line, string column) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw RowError(file, line, $"« {value} » n'est pas un nombre entier positif (colonne « {column} »).");

    public static void AddUnique(Dictionary<(TerritoryKind, string), Territory> rows, Territory t, string file, int line)
    {
        if (!rows.TryAdd((t.Kind, t.Code), t))
            throw RowError(file, line, $"le code « {t.Code} » apparaît deux fois.");
    }

    public static UserInputException RowError(string file, int line, string message) =>
        new($"{file}, ligne {line} : {message}");
}
