using System.Globalization;
using Vigie.Web.Features.Shared;

namespace Vigie.Web.Features.Incidents;

/// <summary>
/// The action plan's view of the incivilités series (Features/Shared/IndicatorSourcesPort.cs, ADR 0020): the monthly counts
/// of <see cref="IncidentSeries"/> (Paris time, date of report, merged duplicates excluded) counted by year for one category
/// group and optionally one sub-area. Partner-only categories are counted for members only.
/// </summary>
public sealed class IncidentIndicatorSource(AppDbContext db, IncidentSeries series, TimeProvider clock) : IIncivilityIndicatorSource
{
    public IReadOnlyDictionary<string, string> Groups => IncidentCategoryCatalog.Groups;

    public async Task<IReadOnlyList<LiveIndicatorPoint>> YearlyAsync(Guid contractId, string group, Guid? areaId, bool membersView)
    {
        if (await db.Contracts.AsNoTracking().Where(c => c.Id == contractId).Select(c => new { c.StartDate }).FirstOrDefaultAsync() is not { } contract) return [];
        var thisYear = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), Culture.Paris).Year;
        var firstYear = Math.Min(contract.StartDate.Year, thisYear);
        var years = await series.YearlyCountsAsync(contractId, firstYear, thisYear, q =>
        {
            q = q.Where(i => i.Category!.Group == group);
            if (areaId is { } a) q = q.Where(i => i.AreaId == a);
            return membersView ? q : q.Where(i => i.Category!.Visibility == IncidentVisibility.Public);
        });
        var area = areaId is { } id ? await db.Areas.Where(x => x.Id == id).Select(x => x.Name).FirstOrDefaultAsync() : null;
        var provenance = $"Incivilités signalées dans Vigie — {IncidentLabels.Group(group)}, {area ?? "tout le territoire du contrat"}"
            + (membersView ? "" : ", catégories publiques");
        return [.. Enumerable.Range(firstYear, thisYear - firstYear + 1).Select(y => new LiveIndicatorPoint(y.ToString(CultureInfo.InvariantCulture),
            new DateOnly(y, 12, 31), years.GetValueOrDefault(y), provenance, y == thisYear ? "année en cours (partielle)" : null))];
    }
}
