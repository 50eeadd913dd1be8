using System.Globalization;
using Vigie.Web.Features.Shared;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// The action plan's view of the incivilités series (Features/Shared/IndicatorSourcesPort.cs, ADR 0020): the monthly counts
/// of <see cref="IncidentSeries"/> (Paris time, date of report, merged duplicates excluded) summed by year for one category
/// group and optionally one sub-area. Partner-only categories are counted for members only.
/// </summary>
public sealed class IncidentIndicatorSource(AppDbContext db, TimeProvider clock) : IIncivilityIndicatorSource
{
    public IReadOnlyDictionary<string, string> Groups => IncidentCategoryCatalog.Groups;

    public async Task<IReadOnlyList<LiveIndicatorPoint>> YearlyAsync(Guid contractId, string group, Guid? areaId, bool membersView)
    {
        if (await db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => new { c.StartDate }).FirstOrDefaultAsync() is not { } contract) return [];
        var thisYear = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Culture.Paris).Year;
        var firstYear = Math.Min(contract.StartDate.Year, thisYear);
        var start = IncidentQueries.StartOfDay(new DateOnly(firstYear, 1, 1));
        var q = db.Incidents.AsNoTracking().Where(i => i.ContractId == contractId && i.ReportedAt >= start && i.Category!.Group == group
            && i.CloseReason != IncidentCloseReason.Doublon);
        if (areaId is { } a) q = q.Where(i => i.AreaId == a);
        if (!membersView) q = q.Where(i => i.Category!.Visibility == IncidentVisibility.Public);
        var years = (await q.Select(i => i.ReportedAt).ToListAsync())
            .GroupBy(r => TimeZoneInfo.ConvertTime(r, Culture.Paris).Year).ToDictionary(g => g.Key, g => g.Count());
        var area = areaId is { } id ? await db.Areas.Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync() : null;
        var provenance = $"Incivilités signalées dans Vigie — {IncidentLabels.Group(group)}, {area ?? "tout le territoire du contrat"}"
            + (membersView ? "" : ", catégories publiques");
        return [.. Enumerable.Range(firstYear, thisYear - firstYear + 1).Select(y => new LiveIndicatorPoint(y.ToString(CultureInfo.InvariantCulture),
            new DateOnly(y, 12, 31), years.GetValueOrDefault(y), provenance, y == thisYear ? "année en cours (partielle)" : null))];
    }
}
