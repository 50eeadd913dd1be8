using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CsvHelper;
using CsvHelper.Configuration;
using Vigie.Web.Features.Territories;
using Vigie.Web.Infrastructure.Tables;

namespace Vigie.Web.Features.Observatory.PartnerSeries;

/// <summary>One error of a partner CSV: line number in the file (1 = header), column name, French message.</summary>
public sealed record PartnerSeriesLineError(int Line, string Column, string Message);

public sealed record PartnerSeriesImportReport(
    int Lines,
    int SeriesCreated,
    int Inserted,
    int Updated,
    int Unchanged,
    IReadOnlyList<PartnerSeriesLineError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Imports partner series from the documented CSV template (docs/partner-series-template.md):
/// <c>serie;source;unite;periode;territoire;valeur</c>. Every line is validated first and every error is
/// reported (line, column, message); nothing is saved unless the whole file is valid. Values are upserted
/// by (series, period, territory), so importing the same rows again changes nothing.
/// Authorization is the caller's: pages and API check <see cref="ContractAccess.CanEditOwnedByAsync"/>.
/// </summary>
public sealed partial class PartnerSeriesImporter(AppDbContext db, ContractCoverage coverage, Auditor auditor, TimeProvider clock, ICurrentUser user)
{
    public static readonly string[] Columns = ["serie", "source", "unite", "periode", "territoire", "valeur"];
    private const int MaxErrors = 100;

    [GeneratedRegex(@"^(\d{4})(?:-(0[1-9]|1[0-2]))?$")] private static partial Regex Period();
    [GeneratedRegex(@"^\d+([.,]\d+)?$")] private static partial Regex Number();

    private sealed record Row(int Line, string Series, PartnerSourceKind Source, string Unit, string Period, int Year, string Territory, decimal Value);

    public async Task<PartnerSeriesImportReport> ImportAsync(Guid contractId, Guid organisationId, Stream content, CancellationToken ct = default)
    {
        if (!await db.Contracts.AnyAsync(c => c.Id == contractId, ct))
            return Fail(new PartnerSeriesLineError(0, "contrat", "Ce contrat est introuvable."));
        if (!await db.Organisations.AnyAsync(o => o.Id == organisationId, ct))
            return Fail(new PartnerSeriesLineError(0, "organisation", "Cette organisation partenaire est introuvable."));

        byte[] bytes;
        try { bytes = await TableReader.ReadAllAsync(content, Limits, ct); }
        catch (TableException e) { return Fail(new PartnerSeriesLineError(0, "fichier", e.Message)); }
        var territory = (await coverage.OfContractAsync(contractId, ct)).Communes;
        var (rows, errors, lines) = Parse(bytes, territory);
        if (errors.Count > 0) return new PartnerSeriesImportReport(lines, 0, 0, 0, 0, errors);
        if (rows.Count == 0)
            return Fail(new PartnerSeriesLineError(2, "serie", "Le fichier ne contient aucune ligne de données après l'en-tête."));

        var names = rows.Select(r => r.Series).Distinct().ToList();
        var series = await db.PartnerSeries.Where(s => s.ContractId == contractId && s.OrganisationId == organisationId && names.Contains(s.Name))
            .ToDictionaryAsync(s => s.Name, StringComparer.Ordinal, ct);
        var seriesIds = series.Values.Select(s => s.Id).ToList();
        var existing = await db.PartnerSeriesValues.Where(v => seriesIds.Contains(v.SeriesId))
            .ToDictionaryAsync(v => (v.SeriesId, v.Period, v.TerritoryCode), ct);

        var now = clock.GetUtcNow();
        int created = 0, inserted = 0, updated = 0, unchanged = 0;
        foreach (var group in rows.GroupBy(r => r.Series, StringComparer.Ordinal))
        {
            var first = group.First();
            if (!series.TryGetValue(group.Key, out var s))
            {
                s = new Domain.PartnerSeries
                {
                    Id = Guid.NewGuid(), ContractId = contractId, OrganisationId = organisationId, Name = group.Key,
                    SourceKind = first.Source, Unit = first.Unit, CreatedAt = now, CreatedById = user.Id,
                };
                db.PartnerSeries.Add(s);
                series[group.Key] = s;
                created++;
            }
            else
            {
                // The file is the partner's current description of the series.
                s.SourceKind = first.Source;
                s.Unit = first.Unit;
            }
            foreach (var r in group)
            {
                if (existing.TryGetValue((s.Id, r.Period, r.Territory), out var value))
                {
                    if (value.Value == r.Value) { unchanged++; continue; }
                    value.Value = r.Value;
                    value.UpdatedAt = now;
                    updated++;
                }
                else
                {
                    db.PartnerSeriesValues.Add(new PartnerSeriesValue
                    {
                        SeriesId = s.Id, Period = r.Period, Year = r.Year, TerritoryCode = r.Territory, Value = r.Value, UpdatedAt = now,
                    });
                    inserted++;
                }
            }
        }
        if (created + inserted + updated > 0 || db.ChangeTracker.HasChanges())
        {
            auditor.Record(AuditKinds.PartnerSeriesImported, "PartnerSeries", organisationId, contractId,
                new { organisation = organisationId, lines = rows.Count, created, inserted, updated, unchanged });
            await db.SaveChangesAsync(ct);
        }
        return new PartnerSeriesImportReport(rows.Count, created, inserted, updated, unchanged, []);
    }

    private static PartnerSeriesImportReport Fail(PartnerSeriesLineError error) => new(0, 0, 0, 0, 0, [error]);

    /// <summary>Caps of a partner file (CSV or XLSX): a few series over a few years and communes.</summary>
    public static readonly TableLimits Limits = new(MaxFileBytes: VigieApp.MaxUploadBytes, MaxRows: 200_000, MaxColumns: 50, MaxCellLength: 1_000, MaxErrors: MaxErrors);

    private static (List<Row> Rows, List<PartnerSeriesLineError> Errors, int Lines) Parse(byte[] content, IReadOnlySet<string> territory)
    {
        var rows = new List<Row>();
        var errors = new List<PartnerSeriesLineError>();
        var lines = 0;
        var extraErrors = 0;
        try
        {
            using var table = TableReader.Rows(content, TableReader.Detect(content), Limits).GetEnumerator();
            if (!table.MoveNext())
                return (rows, [new(1, "serie", "Le fichier est vide : la ligne d'en-tête « serie;source;unite;periode;territoire;valeur » est attendue.")], 0);
            var header = table.Current.Cells.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var missing = Columns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                var hint = header.Length == 1 && header[0].Contains(',', StringComparison.Ordinal) ? " Le séparateur attendu est le point-virgule « ; »." : "";
                return (rows, missing.Select(m => new PartnerSeriesLineError(1, m, $"La colonne « {m} » est absente de l'en-tête.{hint}")).ToList(), 0);
            }
            var index = Columns.ToDictionary(c => c, c => Array.IndexOf(header, c));
            var seen = new Dictionary<(string, string, string), int>();
            var described = new Dictionary<string, (PartnerSourceKind Source, string Unit, bool Monthly, int Line)>(StringComparer.Ordinal);
            while (table.MoveNext())
            {
                var record = table.Current.Cells;
                var line = table.Current.Line;
                lines++;
                string Get(string column) => index[column] < record.Length ? record[index[column]].Trim() : "";
                var failed = false;
                void Error(string column, string message)
                {
                    failed = true;
                    if (errors.Count < MaxErrors) errors.Add(new(line, column, message));
                    else extraErrors++;
                }

                if (record.All(string.IsNullOrWhiteSpace)) { lines--; continue; }
                var name = Get("serie");
                if (name.Length == 0) Error("serie", "Le nom de la série est obligatoire.");
                else if (name.Length > 200) Error("serie", "Le nom de la série dépasse 200 caractères.");

                var sourceText = Get("source");
                PartnerSourceKind source = default;
                if (!PartnerSourceKinds.ByCode.TryGetValue(sourceText, out source))
                    Error("source", $"La source « {sourceText} » est inconnue : valeurs possibles {string.Join(", ", PartnerSourceKinds.ByCode.Keys)}.");

                var unit = Get("unite");
                if (unit.Length == 0) Error("unite", "L'unité est obligatoire (par exemple « faits » ou « interventions »).");
                else if (unit.Length > 100) Error("unite", "L'unité dépasse 100 caractères.");

                var period = Get("periode");
                var year = 0;
                var monthly = false;
                var pm = Period().Match(period);
                if (!pm.Success) Error("periode", $"La période « {period} » est invalide : AAAA (année) ou AAAA-MM (mois) attendu, par exemple 2024 ou 2024-03.");
                else
                {
                    year = int.Parse(pm.Groups[1].Value, CultureInfo.InvariantCulture);
                    monthly = pm.Groups[2].Success;
                    if (year < 1990 || year > 2100) Error("periode", $"L'année {year} est hors de la plage admise (1990 à 2100).");
                }

                var code = Get("territoire");
                if (code.Length > 0 && !territory.Contains(code))
                    Error("territoire", $"La commune « {code} » ne fait pas partie du territoire du contrat (code INSEE d'une commune du contrat, ou vide pour tout le territoire).");

                var valueText = Get("valeur");
                decimal value = 0;
                if (valueText.Length == 0) Error("valeur", "La valeur est obligatoire.");
                else if (valueText.StartsWith('-') && Number().IsMatch(valueText[1..])) Error("valeur", $"La valeur « {valueText} » est négative : une valeur positive ou nulle est attendue.");
                else if (!Number().IsMatch(valueText) || !decimal.TryParse(valueText.Replace(',', '.'), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value))
                    Error("valeur", $"« {valueText} » n'est pas un nombre (chiffres, virgule décimale acceptée, sans espace ni séparateur de milliers).");
                else if (value > 999_999_999_999m) Error("valeur", $"La valeur « {valueText} » est trop grande.");

                if (failed) continue;

                if (described.TryGetValue(name, out var d))
                {
                    if (d.Source != source) Error("source", $"La série « {name} » a déjà la source « {PartnerSourceKinds.Code(d.Source)} » ligne {d.Line}.");
                    if (!string.Equals(d.Unit, unit, StringComparison.Ordinal)) Error("unite", $"La série « {name} » a déjà l'unité « {d.Unit} » ligne {d.Line}.");
                    if (d.Monthly != monthly) Error("periode", $"La série « {name} » mélange des périodes annuelles et mensuelles (voir ligne {d.Line}) : une série est soit annuelle, soit mensuelle.");
                }
                else described[name] = (source, unit, monthly, line);
                if (seen.TryGetValue((name, period, code), out var previous))
                    Error("periode", $"La série « {name} » a déjà une valeur pour la période {period}{(code.Length > 0 ? " et la commune " + code : "")} ligne {previous}.");
                else seen[(name, period, code)] = line;
                if (failed) continue;
                rows.Add(new Row(line, name, source, unit, period, year, code, value));
            }
        }
        catch (TableException e)
        {
            return (rows, [new(e.Line, "fichier", e.Message)], lines);
        }
        if (extraErrors > 0)
            errors.Add(new(0, "fichier", $"… et {extraErrors.ToString("N0", Culture.French)} autre{(extraErrors > 1 ? "s" : "")} erreur{(extraErrors > 1 ? "s" : "")}."));
        return (rows, errors, lines);
    }

    /// <summary>The template offered for download: header and example lines for the contract's first commune (UTF-8 with BOM, « ; »).</summary>
    public static byte[] Template(string? communeCode)
    {
        var code = communeCode ?? "";
        var sb = new StringBuilder();
        sb.Append("serie;source;unite;periode;territoire;valeur\r\n");
        sb.Append("Interventions de la police municipale;police-municipale;interventions;2024;;1250\r\n");
        sb.Append(CultureInfo.InvariantCulture, $"Interventions de la police municipale;police-municipale;interventions;2023;{code};980\r\n");
        sb.Append("Dégradations dans les halls;bailleur;faits;2024-01;;12\r\n");
        sb.Append("Dégradations dans les halls;bailleur;faits;2024-02;;7,5\r\n");
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }
}
