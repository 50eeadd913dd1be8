namespace Vigie.Web.Features.Observatory.PartnerSeries;

public sealed record PartnerSeriesRow(Guid Id, string Name, PartnerSourceKind Source, string Unit, Guid OrganisationId, string Organisation, int Values);

public sealed record PartnerSeriesValueRow(string Period, int Year, string? TerritoryCode, decimal Value);

/// <summary>One column per series, one row per year; values of a series are added up within the year, never across series.</summary>
public sealed record PartnerSeriesYearTable(IReadOnlyList<PartnerSeriesRow> Series, IReadOnlyList<int> Years,
    IReadOnlyDictionary<(Guid Series, int Year), decimal> Values);

/// <summary>Reads of a contract's partner series. Callers check the contract is visible (ContractAccess) first.</summary>
public sealed class PartnerSeriesQueries(AppDbContext db)
{
    public async Task<IReadOnlyList<PartnerSeriesRow>> SeriesAsync(Guid contractId, CancellationToken ct = default) =>
        await db.PartnerSeries.AsNoTracking().Where(s => s.ContractId == contractId)
            .OrderBy(s => s.Organisation!.Name).ThenBy(s => s.Name)
            .Select(s => new PartnerSeriesRow(s.Id, s.Name, s.SourceKind, s.Unit, s.OrganisationId, s.Organisation!.Name, s.Values.Count))
            .ToListAsync(ct);

    public async Task<IReadOnlyList<PartnerSeriesValueRow>?> ValuesAsync(Guid contractId, Guid seriesId, CancellationToken ct = default)
    {
        if (!await db.PartnerSeries.AnyAsync(s => s.Id == seriesId && s.ContractId == contractId, ct)) return null;
        var rows = await db.PartnerSeriesValues.AsNoTracking().Where(v => v.SeriesId == seriesId)
            .Select(v => new { v.Period, v.Year, v.TerritoryCode, v.Value }).ToListAsync(ct);
        return rows.OrderBy(v => v.Period, StringComparer.Ordinal).ThenBy(v => v.TerritoryCode, StringComparer.Ordinal)
            .Select(v => new PartnerSeriesValueRow(v.Period, v.Year, v.TerritoryCode.Length == 0 ? null : v.TerritoryCode, v.Value)).ToList();
    }

    public async Task<PartnerSeriesYearTable> YearTableAsync(Guid contractId, CancellationToken ct = default)
    {
        var series = await SeriesAsync(contractId, ct);
        var ids = series.Select(s => s.Id).ToList();
        // Summed client-side: SQLite cannot sum decimals in SQL.
        var values = await db.PartnerSeriesValues.AsNoTracking().Where(v => ids.Contains(v.SeriesId))
            .Select(v => new { v.SeriesId, v.Year, v.Value }).ToListAsync(ct);
        var sums = values.GroupBy(v => (v.SeriesId, v.Year)).ToDictionary(g => g.Key, g => g.Sum(v => v.Value));
        return new PartnerSeriesYearTable(series, values.Select(v => v.Year).Distinct().Order().ToList(), sums);
    }
}
