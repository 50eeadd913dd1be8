namespace Vigie.Web.Features.Evaluation.Sections;

/// <summary>
/// §5.3 "Évolution du contexte" — victimation survey: the whole-area figures of the published waves (public by publication,
/// hence also in the public report) at T0 (the last wave before the period, else its first) and T1 (the last wave of the
/// period), through the survey's port. Figures whose base is under the publication threshold stay masked.
/// </summary>
public sealed class SurveyEvaluationSection(IServiceProvider services) : IEvaluationSection
{
    public int Order => 15;

    public async Task<EvaluationSectionContent?> BuildAsync(EvaluationSectionContext context, CancellationToken ct)
    {
        if (services.GetService<ISurveyResultsForDiagnostic>() is not { } port) return null;
        var waves = (await port.PublishedWavesAsync(context.ContractId, ct)).Where(w => w.FieldStart <= context.PeriodEnd).OrderBy(w => w.FieldEnd).ToList();
        if (waves.Count == 0) return null;
        var t0 = waves.LastOrDefault(w => w.FieldEnd <= context.PeriodStart) ?? waves[0];
        var t1 = waves.LastOrDefault(w => w.FieldEnd > t0.FieldEnd);
        static string Pct(double v) => (v * 100).ToString("0", Culture.French) + " %";
        static string Share(SurveyResultLine? l) => l is null ? "—"
            : l.Suppressed || l.Share is not { } s ? "masqué (effectif insuffisant)"
            : l.Low is { } lo && l.High is { } hi ? $"{Pct(s)} ({Pct(lo)} – {Pct(hi)})" : Pct(s);
        static string Key(SurveyResultLine l) => l.QuestionCode + "\u001f" + l.Answer;
        var before = t0.Lines.GroupBy(Key).ToDictionary(g => g.Key, g => g.First());
        var lines = (t1 ?? t0).Lines;
        IReadOnlyList<string> headers = t1 is null
            ? ["Question", "Réponse", $"T0 — {t0.Title}"]
            : ["Question", "Réponse", $"T0 — {t0.Title}", $"T1 — {t1.Title}"];
        var rows = lines.Select(l => t1 is null
            ? (IReadOnlyList<string>)[l.Question, l.Answer, Share(l)]
            : [l.Question, l.Answer, Share(before.GetValueOrDefault(Key(l))), Share(l)]).ToList();
        string Wave(SurveyWaveSummary w) => $"{w.Title} (terrain du {Culture.Date(w.FieldStart)} au {Culture.Date(w.FieldEnd)}, {w.Responses.ToString(Culture.French)} réponses, {w.Weighting})";
        var table = new EvaluationTable("Enquête de victimation : résultats pondérés, ensemble du territoire", headers, rows,
            "enquête locale de victimation et de sentiment d'insécurité, vagues publiées dans Vigie", context.Today);
        return new EvaluationSectionContent("Enquête de victimation (T0 / T1)",
            [
                t1 is null ? $"Une seule vague publiée : {Wave(t0)}." : $"T0 : {Wave(t0)}. T1 : {Wave(t1)}.",
                "Parts pondérées avec leur intervalle de confiance ; un résultat dont la base est inférieure au seuil de publication est masqué.",
            ],
            [table],
            Methodology:
            [
                .. waves.Where(w => w == t0 || w == t1).Select(w => $"Vague « {Wave(w)} »."),
                "Échantillon constitué par quotas ; les résultats sont pondérés (redressement sur la structure de la population) et donnés avec leur intervalle de confiance à 95 %, "
                    + "élargi par l'effet du plan de sondage (effectif efficace inférieur au nombre de réponses).",
                "Un résultat dont la base est inférieure au seuil de publication est masqué ; un écart entre deux vagues compris dans les intervalles n'est pas significatif.",
            ]);
    }
}
