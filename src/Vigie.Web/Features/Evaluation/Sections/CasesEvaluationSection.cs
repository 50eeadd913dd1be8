using Vigie.Web.Features.Cases;

namespace Vigie.Web.Features.Evaluation.Sections;

/// <summary>
/// §5.3 "Évolution du contexte": anonymous aggregates of the confidential follow-up (the register's cells, under 5 already
/// suppressed by <see cref="CaseArchive.RegisterAsync"/>). Members only: never on the public page or PDF.
/// </summary>
public sealed class CasesEvaluationSection(CaseArchive archive) : IEvaluationSection
{
    public int Order => 30;

    public async Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct)
    {
        if (context.IsPublic) return null;
        var register = await archive.RegisterAsync(context.ContractId);
        if (!register.Succeeded || register.Value is not { } r || r.Groups.Count == 0) return null;
        static IReadOnlyList<IReadOnlyList<string>> Rows(IEnumerable<CaseAggregateCell> cells) =>
            cells.Select(c => (IReadOnlyList<string>)[c.Label, c.Count is { } n ? n.ToString(Culture.French) : $"< {EvaluationSectionContext.SmallCell}"]).ToList();
        const string source = "registre du suivi individuel confidentiel (agrégats anonymes)";
        return new EvaluationSectionContent("Suivi individuel (agrégats anonymes)",
            [$"Personnes suivies : {(r.TotalPeople is { } t ? t.ToString(Culture.French) : $"< {EvaluationSectionContext.SmallCell}")}. Effectifs inférieurs à {EvaluationSectionContext.SmallCell} masqués."],
            [
                new EvaluationTable("Problématiques", ["Problématique", "Personnes"], Rows(r.ByProblem), source, context.Today),
                new EvaluationTable("Motifs de fin de suivi", ["Motif", "Personnes"], Rows(r.ByClosureReason), source, context.Today),
            ]);
    }
}
