using Vigie.Web.Features.Observatory;

namespace Vigie.Web.Features.Evaluation.Sections;

/// <summary>
/// §5.3 "Évolution du contexte" — observatory: the contract territory's recorded crime (SSMSI, public data) at the first
/// and last years of the period the latest edition holding it has, with the edition named; withheld cells and counts under the
/// threshold masked.
/// </summary>
public sealed class ObservatoryEvaluationSection(AppDbContext db, ObservatoryQueries observatory) : IEvaluationSection
{
    public int Order => 12;

    public async Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct)
    {
        // The report's caller has scoped the contract (members, or a published contract for the public report).
        if (await observatory.ContractTerritoryAsync(db.Contracts, context.ContractId) is not { } territory || territory.Communes is not { Count: > 0 } communes) return null;
        // The latest edition that holds the territory (a newer partial file may not cover its communes).
        EditionInfo? edition = null;
        IReadOnlyList<int> years = [];
        foreach (var e in await observatory.EditionsAsync())
            if ((years = await observatory.YearsAsync(territory, e)).Count > 0) { edition = e; break; }
        if (edition is null) return null;
        var t0 = years.Where(y => y <= context.PeriodStart.Year).DefaultIfEmpty(years.Min()).Max();
        var t1 = years.Where(y => y <= context.PeriodEnd.Year).DefaultIfEmpty(years.Min()).Max();
        var start = (await observatory.TableAsync(territory, edition, t0)).Rows.ToDictionary(r => r.Code);
        var end = t1 == t0 ? null : await observatory.TableAsync(territory, edition, t1);
        static string Cell(ObsRow? r) => r is null ? "—"
            : r.Disclosure == Disclosure.Withheld || r.Count is not { } n ? "secret statistique"
            : EvaluationSectionContext.Count((int)Math.Min(n, int.MaxValue)) + (r.Rate is { } rate && n >= EvaluationSectionContext.SmallCell ? $" ({rate.ToString("0.#", Culture.French)} ‰)" : "");
        IReadOnlyList<string> headers = end is null ? ["Indicateur", t0.ToString(Culture.French)] : ["Indicateur", t0.ToString(Culture.French), t1.ToString(Culture.French)];
        var rows = (end?.Rows ?? [.. start.Values]).Select(r => end is null
            ? (IReadOnlyList<string>)[r.Label, Cell(r)]
            : [r.Label, Cell(start.GetValueOrDefault(r.Code)), Cell(r)]).ToList();
        if (rows.Count == 0) return null;
        var source = $"SSMSI, bases statistiques communale et départementale de la délinquance enregistrée, édition du {Culture.Date(edition.ProducedOn)}";
        return new EvaluationSectionContent("Délinquance enregistrée sur le territoire du contrat",
            [$"Faits enregistrés par la police et la gendarmerie sur les communes du contrat ({communes.Count.ToString(Culture.French)}), taux pour 1 000 habitants ou logements. " +
             $"Effectifs inférieurs à {EvaluationSectionContext.SmallCell} et cellules couvertes par le secret statistique masqués."],
            [new EvaluationTable("Indicateurs de l'observatoire, début et fin de la période", headers, rows, source, context.Today)]);
    }
}
