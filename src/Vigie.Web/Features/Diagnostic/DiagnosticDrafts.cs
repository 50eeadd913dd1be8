using System.Globalization;
using System.Text;
using Vigie.Web.Features.Observatory;

namespace Vigie.Web.Features.Diagnostic;

public sealed record DiagnosticSectionContent(string Kind, string? Axis, string? Organisation, string Title, string Body, string Status, string Visibility);

/// <summary>
/// A finding as frozen. <see cref="Priorities"/>: the plan items citing it that every member may read;
/// <see cref="PublicPriorities"/>: those of them an anonymous reader may read (public plan items), the only ones the public
/// projection names. Null in versions frozen before it was stored: the public projection then names none.
/// </summary>
public sealed record DiagnosticFindingContent(Guid Id, string? Axis, string Text, string Visibility, IReadOnlyList<string> Priorities,
    IReadOnlyList<string>? PublicPriorities = null);

public sealed record DiagnosticSourceContent(string Kind, string Title, string? Date, string? Edition);

/// <summary>
/// What a diagnostic says at one moment: sections, findings, sources and the figures snapshot. A frozen version stores this
/// as canonical JSON (<see cref="DiagnosticHash"/>); a draft in one click is the same shape without findings.
/// </summary>
public sealed record DiagnosticContent(string Title, string Territory, IReadOnlyList<DiagnosticSectionContent> Sections,
    IReadOnlyList<DiagnosticFindingContent> Findings, IReadOnlyList<DiagnosticSourceContent> Sources, IReadOnlyList<DiagnosticFigureTable> Figures,
    IReadOnlyList<Shared.SurveyWaveSummary> Surveys);

/// <summary>A generated draft and the SHA-256 of its canonical JSON (same inputs → same content → same hash).</summary>
public sealed record DiagnosticDraft(DiagnosticContent Content, string Sha256);

/// <summary>
/// Generates the statistical part of a diagnostic from the data, for any commune, arrondissement, EPCI/EPT or contract
/// territory: territory and population, delinquency tables with the département and France beside them, indicators above
/// the national average flagged, one-year trends, and the sources with their editions. Deterministic: nothing depends on the
/// clock, the user or the order rows come back in.
/// </summary>
public sealed class DiagnosticDrafts(AppDbContext db, DiagnosticFigures figures, ObservatoryQueries observatory, ContractAccess access, Territories.ContractCoverage coverage)
{
    /// <summary>Most parts (communes of an EPCI or a contract) described one by one in a draft.</summary>
    public const int MaxParts = 30;

    public async Task<DiagnosticDraft?> ForTerritoryAsync(ObsLevel level, string? code)
    {
        if (level == ObsLevel.Contract || await observatory.TerritoryAsync(level, code) is not { } t) return null;
        var parts = t.Communes is { Count: > 1 } communes ? communes : [];
        return await BuildAsync(t, parts, null);
    }

    /// <summary>A contract's territory (through its statistical units) or one of its sub-areas (its commune's figures).</summary>
    public async Task<DiagnosticDraft?> ForContractAsync(Guid contractId, Guid? areaId)
    {
        if (areaId is { } a)
        {
            var contracts = access.Contracts.Where(c => c.Id == contractId);
            var area = await db.Areas.AsNoTracking().Where(x => x.Id == a && x.ContractId == contractId && contracts.Any())
                .Select(x => new { x.Name, x.CommuneCode }).FirstOrDefaultAsync();
            if (area is null) return null;
            var commune = area.CommuneCode is { } cc ? await observatory.TerritoryAsync(ObsLevel.Commune, cc) : null;
            var t = commune is null
                ? new ObsTerritory(ObsLevel.Commune, area.CommuneCode ?? "", area.Name, null) { Communes = [] }
                : commune with { Name = $"{area.Name} ({commune.Name})" };
            return await BuildAsync(t, [], area.Name);
        }
        if (await observatory.ContractTerritoryAsync(access.Contracts, contractId) is not { } territory) return null;
        var units = (await coverage.OfContractAsync(contractId)).StatisticalUnits.Select(u => u.Code).ToList();
        return await BuildAsync(territory, units.Count > 1 ? units : [], null);
    }

    private async Task<DiagnosticDraft> BuildAsync(ObsTerritory t, IReadOnlyList<string> parts, string? areaName)
    {
        var tables = new List<DiagnosticFigureTable>();
        if (await figures.TableAsync(t) is { } main) tables.Add(main);
        foreach (var code in parts.Order(StringComparer.Ordinal).Take(MaxParts))
            if (await observatory.TerritoryAsync(ObsLevel.Commune, code) is { } part && await figures.TableAsync(part) is { } table)
                tables.Add(table);

        var level = ObservatoryLevels.Label(t.Level);
        var sections = new List<DiagnosticSectionContent>
        {
            Section(DiagnosticSectionKind.Territory, null, "Territoire et population", TerritoryText(t, level, tables.FirstOrDefault(), areaName)),
            Section(DiagnosticSectionKind.Delinquency, null, "Délinquance enregistrée", DelinquencyText(tables, areaName)),
        };
        foreach (var axis in Enum.GetValues<DiagnosticAxis>())
            sections.Add(Section(DiagnosticSectionKind.Axis, axis, "Axe " + DiagnosticLabels.Axis(axis), ""));
        sections.Add(Section(DiagnosticSectionKind.Conclusions, null, "Conclusions", ""));

        var sources = new List<DiagnosticSourceContent>
        {
            new(DiagnosticSourceKind.Statistics.ToString(), "INSEE — populations légales", null, "millésime de la géographie officielle importée"),
        };
        foreach (var edition in tables.Select(x => x.Edition).Distinct().Order(StringComparer.Ordinal))
            sources.Add(new(DiagnosticSourceKind.Statistics.ToString(), "SSMSI — bases statistiques de la délinquance enregistrée", null,
                "édition du " + Culture.Date(DateOnly.ParseExact(edition, "yyyy-MM-dd", CultureInfo.InvariantCulture))));

        var content = new DiagnosticContent($"Diagnostic local de sécurité — {t.Name}", $"{level} {t.Name} ({t.Code})", sections, [], sources, tables, []);
        return new DiagnosticDraft(content, DiagnosticHash.Sha256(DiagnosticHash.Json(content)));
    }

    private static DiagnosticSectionContent Section(DiagnosticSectionKind kind, DiagnosticAxis? axis, string title, string body) =>
        new(kind.ToString(), axis?.ToString(), null, title, body, DiagnosticSectionStatus.Draft.ToString(), MinutesVisibility.Public.ToString());

    private static string TerritoryText(ObsTerritory t, string level, DiagnosticFigureTable? main, string? areaName)
    {
        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"**{t.Name}** — {level.ToLower(Culture.French)}, code {t.Code}");
        if (main?.DepartementName is { } dep) sb.Append(CultureInfo.InvariantCulture, $", département : {dep}");
        sb.Append(".\n\n");
        if (areaName is not null)
            sb.Append("Secteur du contrat : les statistiques publiques s'arrêtent à la commune (ou à l'arrondissement) ; les chiffres ci-dessous sont ceux de la commune du secteur.\n\n");
        sb.Append(main?.Population is { } p
            ? $"Population municipale : {DiagnosticFigures.Number(p)} habitants (source : INSEE, populations légales).\n"
            : "Population : non disponible dans la géographie importée.\n");
        return sb.ToString();
    }

    private static string DelinquencyText(IReadOnlyList<DiagnosticFigureTable> tables, string? areaName)
    {
        if (tables.Count == 0)
            return "Aucune statistique SSMSI n'est publiée pour ce territoire dans les éditions importées.\n";
        var sb = new StringBuilder();
        foreach (var table in tables)
        {
            sb.Append(CultureInfo.InvariantCulture, $"### {table.Name}\n\nSource : {table.Source}.\n\n");
            var flagged = table.Flagged.ToList();
            if (flagged.Count == 0) sb.Append("Aucun indicateur au-dessus de la moyenne nationale.\n\n");
            else
            {
                sb.Append("Indicateurs au-dessus de la moyenne nationale (taux pour 1 000) :\n\n");
                foreach (var r in flagged)
                    sb.Append(CultureInfo.InvariantCulture,
                        $"- **{r.Label}** : {DiagnosticFigures.Number(r.Rate)} ‰ ({table.DepartementName ?? "département"} : {DiagnosticFigures.Number(r.DepartementRate)} ‰ ; France : {DiagnosticFigures.Number(r.FranceRate)} ‰)\n");
                sb.Append('\n');
            }
            var trends = table.Rows.Where(r => r.ChangePercent is not null).ToList();
            if (trends.Count > 0)
            {
                sb.Append(CultureInfo.InvariantCulture, $"Évolution de {table.Year - 1} à {table.Year} :\n\n");
                foreach (var r in trends)
                    sb.Append(CultureInfo.InvariantCulture, $"- {r.Label} : {(r.ChangePercent > 0 ? "+" : "")}{DiagnosticFigures.Number(r.ChangePercent)} % ({DiagnosticFigures.Number(r.PreviousCount)} → {DiagnosticFigures.Number(r.Count)})\n");
                sb.Append('\n');
            }
        }
        if (areaName is not null) sb.Append("Les chiffres sont ceux de la commune du secteur.\n");
        return sb.ToString();
    }
}
