using Vigie.Web.Features.ActionPlan;
using Vigie.Web.Infrastructure.Pdf;

namespace Vigie.Web.Features.Evaluation;

/// <summary>
/// The end-of-period report of specs §5.3 as a tagged PDF (<see cref="PdfReport"/>), built from the report the caller's
/// audience may receive (members: <see cref="EvaluationQueries.ReportAsync"/>; anonymous: the public report): every table
/// names its source and extraction date, counts under the threshold come masked from the sections.
/// Long texts go through <see cref="PdfReport.Bullets"/>, which continues over a page break (paragraphs cannot).
/// </summary>
public static class EvaluationPdf
{
    /// <param name="fingerprint">The public PDF: the SHA-256 of the presented version's public rendering, printed under the synthesis.</param>
    public static byte[] Render(EvaluationReportView r, string? fingerprint = null)
    {
        var e = r.Evaluation;
        using var pdf = new PdfReport($"{e.Title} — {r.ContractTitle}",
            $"{EvaluationLabels.Kind(e.Kind)} du {Culture.Date(e.PeriodStart)} au {Culture.Date(e.PeriodEnd)} — version {e.ReportVersion}, {EvaluationLabels.Status(e.Status)}");
        var extracted = $"extraction du {Culture.Date(r.ExtractedOn)}";

        if (fingerprint is not null) pdf.Paragraph($"Empreinte SHA-256 de la version {e.ReportVersion} publiée : {fingerprint}", muted: true);
        pdf.Heading("0. Synthèse", 1);
        pdf.Paragraph("Bilan des objectifs : " + r.Overall.Sentence + ".");
        pdf.KeyValues([
            ("Objectifs atteints", r.Overall.Met.ToString(Culture.French)),
            ("Partiellement atteints", r.Overall.Partly.ToString(Culture.French)),
            ("Non atteints", r.Overall.NotMet.ToString(Culture.French)),
            ("Non évalués", r.Overall.NotAssessed.ToString(Culture.French)),
        ]);
        pdf.Source($"{EvaluationReportView.PlanSource} — {extracted}");
        if (e.Conclusion is { } conclusion) pdf.Bullets([conclusion]);
        Ratings(pdf, r.Ratings.Where(x => x.ItemTitle is null).ToList(), "Appréciation d'ensemble par critère");
        if (r.Recommendations.Count > 0)
            pdf.Bullets(r.Recommendations.Take(5).Select(x => $"{x.Text} (priorité {EvaluationLabels.Priority(x.Priority)}{(x.Owner is { } o ? ", " + o : "")})"));

        pdf.Heading("1. Cadre et méthode", 1);
        pdf.KeyValues([
            ("Commanditaire", e.RequestedBy ?? "non renseigné"),
            ("Instance chargée de l'évaluation", r.MandateBody ?? "non renseignée"),
            ("Approbation du conseil municipal", Culture.Date(e.CouncilApprovalDate)),
            ("Période évaluée", $"{Culture.Date(e.PeriodStart)} – {Culture.Date(e.PeriodEnd)}"),
        ]);
        pdf.Bullets([
            "Données : plan d'action, gouvernance et observatoire de Vigie ; les données des partenaires sont juxtaposées, non fusionnées.",
            $"Secret statistique : tout effectif inférieur à {EvaluationSectionContext.SmallCell} est masqué.",
            "Aucune donnée nominative ne figure dans ce rapport.",
        ]);

        foreach (var s in r.Sections) Section(pdf, s);

        pdf.Heading("3. Mise en œuvre", 1);
        pdf.Table("Réalisation des fiches action", ["Fiche", "Statut", "Avancement", "Jalons tenus", "Appréciation"],
            r.Actions.Select(a => (IReadOnlyList<string>)[$"{a.Number}. {a.Title}", a.Status ?? "—", a.Progress + " %", $"{a.MilestonesMet} / {a.Milestones}",
                EvaluationFigures.Label(a.Attainment) + (a.Computed ? "" : a.Attainment is null ? "" : " (appréciation écrite)")]), [3, 1.2, 1, 1, 1.5]);
        pdf.Source($"{EvaluationReportView.PlanSource} — {extracted}");
        if (r.BudgetByFunder.Count > 0)
        {
            pdf.Table("Budget par financeur", ["Financeur", "Prévu", "Accordé", "Dépensé"],
                r.BudgetByFunder.Select(b => (IReadOnlyList<string>)[PlanLabels.Funder(b.Funder), EvaluationLabels.Euros(b.Planned), EvaluationLabels.Euros(b.Granted), EvaluationLabels.Euros(b.Spent)]));
            pdf.Source($"lignes budgétaires des fiches action — {extracted}");
        }
        var g = r.Governance;
        pdf.Table("Réunions tenues et prévues par instance", ["Instance", "Prévues", "Tenues", "Annulées"],
            g.Bodies.Select(b => (IReadOnlyList<string>)[b.Name, N(b.Planned), N(b.Held), N(b.Cancelled)]), [3, 1, 1, 1]);
        pdf.Table("Assiduité par institution (réunions tenues)", ["Institution", "Convocations", "Présences", "Taux"],
            g.Attendance.Select(a => (IReadOnlyList<string>)[a.Organisation, N(a.Expected), N(a.Present), a.Rate is { } x ? PdfReport.Percent(x * 100) : "—"]), [3, 1, 1, 1]);
        pdf.KeyValues([
            ("Décisions prises", N(g.Decisions)),
            ("Tâches de suivi", N(g.Tasks)),
            ("Tâches closes dans les délais", $"{N(g.TasksClosedOnTime)} sur {N(g.TasksWithDueDate)} avec échéance"),
            ("Tâches encore ouvertes", N(g.TasksOpen)),
        ]);
        pdf.Source($"{EvaluationReportView.GovernanceSource} — {extracted}");

        pdf.Heading("4. Résultats par axe et par fiche", 1);
        pdf.Table("Objectifs par axe", ["Axe", "Fiches", "Atteints", "Partiellement", "Non atteints"],
            r.Priorities.Select(p => (IReadOnlyList<string>)[$"{p.Number}. {p.Title}", N(p.Actions), N(p.Met), N(p.Partly), N(p.NotMet)]), [3, 1, 1, 1, 1]);
        foreach (var a in r.Actions.Where(a => a.Indicators.Count > 0))
        {
            pdf.Table($"{a.Number}. {a.Title} — chaîne d'indicateurs", ["Indicateur", "Niveau", "Référence", "Cible", "Réalisé", "Appréciation"],
                a.Indicators.Select(i => (IReadOnlyList<string>)[$"{i.Name} ({i.Unit})", PlanLabels.IndicatorKind(i.Kind),
                    $"{EvaluationLabels.Number(i.Baseline)} ({Culture.Date(i.BaselineDate)})", $"{EvaluationLabels.Number(i.Target)} ({Culture.Date(i.TargetDate)})",
                    $"{EvaluationLabels.Number(i.Achieved)} ({Culture.Date(i.AchievedOn)})", EvaluationFigures.Label(i.Attainment)]), [2.5, 1, 1.3, 1.3, 1.3, 1.2]);
            pdf.Source(string.Join(" ; ", a.Indicators.Select(i => i.Source).Distinct()) + " — " + extracted);
        }

        pdf.Heading("6. Appréciation par critère", 1);
        Ratings(pdf, r.Ratings, null);

        pdf.Heading("7. Recommandations et orientations", 1);
        if (r.Recommendations.Count == 0) pdf.Paragraph("Aucune recommandation.", muted: true);
        else
            pdf.Table(null, ["Recommandation", "Porteur", "Priorité", "Fiche action brouillon"],
                r.Recommendations.Select(x => (IReadOnlyList<string>)[x.Text, x.Owner ?? "—", EvaluationLabels.Priority(x.Priority), x.DraftPlanItemId is null ? "à créer" : "créée"]), [3, 1.5, 1, 1.2]);

        pdf.Heading("8. Annexes", 1);
        pdf.Bullets(["Référentiel : critères d'évaluation de la Société française de l'évaluation (charte SFE) et du CAD de l'OCDE (2019)."]);
        return pdf.ToArray();
    }

    private static void Ratings(PdfReport pdf, IReadOnlyList<EvaluationRatingLine> ratings, string? caption)
    {
        if (ratings.Count == 0) return;
        pdf.Table(caption, ["Critère", "Question évaluative", "Appréciation", "Éléments de preuve", "Confiance"],
            ratings.Select(x => (IReadOnlyList<string>)[EvaluationLabels.Criterion(x.Criterion), (x.ItemTitle is { } t ? t + " — " : "") + x.Question,
                EvaluationLabels.Level(x.Level), x.Evidence ?? "—", EvaluationLabels.Confidence(x.Confidence)]), [1, 2.5, 1, 2.5, 0.8]);
    }

    private static void Section(PdfReport pdf, EvaluationSectionContent s)
    {
        pdf.Heading(s.Title, 1);
        if (s.Paragraphs.Count > 0) pdf.Bullets(s.Paragraphs);
        foreach (var t in s.Tables)
        {
            pdf.Table(t.Caption, t.Headers, t.Rows);
            pdf.Source($"{t.Source} — extraction du {Culture.Date(t.ExtractedOn)}");
        }
    }

    private static string N(int n) => n.ToString(Culture.French);
}
