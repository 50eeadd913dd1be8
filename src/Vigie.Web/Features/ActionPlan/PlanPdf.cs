using Vigie.Web.Infrastructure.Pdf;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>Printable fiche action and whole-plan PDF, built with the shared <see cref="PdfReport"/>. Internal: for members only.</summary>
public static class PlanPdf
{
    private static string Text(string? s) => string.IsNullOrWhiteSpace(s) ? "—" : s;
    private static string Num(decimal? v) => v?.ToString("0.##", Culture.French) ?? "—";
    private static string Euros(decimal v) => v.ToString("N2", Culture.French) + " €";
    private static double? Pct(Progress p) => p.Value is { } v ? (double)v : null;

    public static byte[] Fiche(ItemDetail d)
    {
        using var pdf = new PdfReport($"Fiche action {d.Row.Number} — {d.Row.Title}", PlanLabels.Kind(d.Item.Kind));
        Write(pdf, d);
        return pdf.ToArray();
    }

    public static byte[] Plan(PlanView plan, IReadOnlyList<ItemDetail> details)
    {
        using var pdf = new PdfReport($"Plan d'action — {plan.ContractTitle}", $"Avancement global : {plan.Headline.Text}");
        pdf.Heading("Vue d'ensemble", 1);
        if (plan.Headline.Caveat is { } caveat) pdf.Paragraph(caveat, muted: true);
        pdf.ProgressBars("Avancement par élément du plan", plan.Rows.Select(r => ($"{r.Number} {r.Title}", Pct(r.Progress))));
        foreach (var d in details)
        {
            pdf.PageBreak();
            Write(pdf, d);
        }
        return pdf.ToArray();
    }

    private static void Write(PdfReport pdf, ItemDetail d)
    {
        var i = d.Item;
        pdf.Heading($"{d.Row.Number} {d.Row.Title}", 1);
        pdf.KeyValues([
            ("Référence", i.Reference), ("Statut", Text(d.Row.StatusLabel)),
            ("Avancement", d.Row.Progress.Value is { } v ? PdfReport.Percent((double)v) + " (" + PlanProgress.Label(d.Row.Progress.Source) + ")" : "non renseigné"),
            ("Problème constaté", Text(i.ProblemObserved)), ("Objectifs", Text(i.Objectives)), ("Description", Text(i.Description)),
            ("Public visé", Text(i.TargetPublic)), ("Territoire", d.AreaName ?? "Tout le territoire du contrat"), ("Pilote", Text(d.Row.LeadName)),
            ("Partenaires", d.Partners.Count == 0 ? "—" : string.Join(", ", d.Partners.Select(p => p.Name))),
            ("Calendrier", $"du {Culture.Date(i.StartDate)} au {Culture.Date(i.EndDate)}"), ("Moyens humains", Text(i.HumanMeans)),
            ("Moyens matériels", Text(i.MaterialMeans)), ("Outils de suivi", Text(i.FollowUpTools)), ("Bilan annuel", Text(i.YearlyReview)),
        ]);
        if (d.Commitments.Count > 0)
        {
            pdf.Heading("Engagements des partenaires", 2);
            pdf.Table("Engagements", ["Partenaire", "Engagement", "Moyens engagés", "Échéance", "Avancement"],
                d.Commitments.Select(c => (IReadOnlyList<string>)[c.OrganisationName, c.What, Text(c.Means), Culture.Date(c.DueDate), c.Progress is { } p ? $"{p} %" : "non renseigné"]));
        }
        if (d.Milestones.Count > 0)
        {
            pdf.Heading("Jalons", 2);
            pdf.Table("Jalons", ["Jalon", "Échéance", "Réalisé le", "Responsable"],
                d.Milestones.Select(m => (IReadOnlyList<string>)[m.Title, Culture.Date(m.DueOn) + (m.Overdue ? " (en retard)" : ""), Culture.Date(m.DoneOn), Text(m.OwnerName)]));
        }
        if (d.Budget.Count > 0)
        {
            pdf.Heading("Budget", 2);
            pdf.Table("Lignes de budget (euros)", ["Financeur", "Partenaire", "Année", "Prévu", "Accordé", "Dépensé"],
                d.Budget.Select(l => (IReadOnlyList<string>)[PlanLabels.Funder(l.Funder), Text(l.OrganisationName), l.Year?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "—", Euros(l.Planned), Euros(l.Granted), Euros(l.Spent)]));
        }
        foreach (var ind in d.Indicators)
        {
            pdf.Heading($"Indicateur : {ind.Name}", 2);
            pdf.Paragraph($"{PlanLabels.IndicatorKind(ind.Kind)} — unité : {ind.Unit} — référence : {Num(ind.BaselineValue)} ({Culture.Date(ind.BaselineDate)}) — cible : {Num(ind.TargetValue)} ({Culture.Date(ind.TargetDate)})");
            if (ind.Values.Count > 1)
                pdf.LineChart(ind.Name, $"Évolution de {ind.Name} : " + string.Join(", ", ind.Values.Select(v => $"{v.Period} {Num(v.Value)}")),
                    ind.Values.Select(v => v.Period).ToList(), [new PdfChartSeries(ind.Name, ind.Values.Select(v => v.Value is { } x ? (double?)x : null).ToList())], ind.Unit);
            else if (ind.Values.Count == 1)
                pdf.Paragraph($"Valeur {ind.Values[0].Period} : {Num(ind.Values[0].Value)}");
        }
    }
}
