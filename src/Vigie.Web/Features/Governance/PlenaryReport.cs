using Vigie.Web.Features.Observatory;
using Vigie.Web.Infrastructure.Pdf;

namespace Vigie.Web.Features.Governance;

public sealed record ReportAction(string Title, string? Status, double? Progress);
public sealed record ReportIndicatorPoint(string Period, decimal Value);
public sealed record ReportIndicator(string Action, string Name, string Unit, decimal? Baseline, decimal? Target, string? Source, IReadOnlyList<ReportIndicatorPoint> Points);
public sealed record ReportMeeting(DateTimeOffset StartsAt, string Title, string Body, int Present);
public sealed record ReportAttendance(string Partner, int Present, int Represented, int Excused, int Absent);
public sealed record ReportDecision(DateTimeOffset Date, string Meeting, string Text);
public sealed record ReportTrend(string Label, string Unit, long? Count, decimal? Rate, decimal? ChangePercent, decimal? FranceRate, IReadOnlyList<ObsSeriesPoint> Series);

/// <summary>What the public plenary report holds: only published contracts, only public meetings' content.</summary>
public sealed record PlenaryReportData(Guid ContractId, string Contract, DateOnly From, DateOnly To,
    IReadOnlyList<ReportAction> Actions, IReadOnlyList<ReportIndicator> Indicators,
    IReadOnlyList<ReportMeeting> Meetings, int OtherMeetings, IReadOnlyList<ReportAttendance> Attendance, IReadOnlyList<ReportDecision> Decisions,
    string? Territory, int? ObservatoryYear, DateOnly? ObservatoryEdition, IReadOnlyList<ReportTrend> Trends, string? ObservatoryNote = null,
    ActionPlan.PlanHeadline? Headline = null, IReadOnlyList<Cases.CaseAggregateBlock>? Cases = null)
{
    public IReadOnlyList<string> Sources
    {
        get
        {
            var list = new List<string> { "Réunions, présences et décisions : comptes rendus publics des instances du contrat, saisis dans Vigie." };
            if (Cases is { Count: > 0 }) list.Add("Suivi individuel : agrégats anonymes des fiches du suivi individuel confidentiel et des souches statistiques des fiches purgées (effectifs inférieurs à 5 masqués).");
            if (Actions.Count > 0) list.Add("Actions et avancement : plan d'action du contrat (jalons atteints, ou avancement saisi par le coordinateur).");
            list.AddRange(Indicators.Select(i => i.Source).Where(s => !string.IsNullOrWhiteSpace(s)).Distinct().Select(s => $"Indicateur du plan : {s}."));
            if (ObservatoryEdition is { } e)
                list.Add($"Délinquance enregistrée : SSMSI, bases statistiques communale, départementale et régionale de la délinquance enregistrée par la police et la gendarmerie nationales, édition du {Culture.Date(e)} (données {ObservatoryYear}).");
            return list;
        }
    }
}

/// <summary>
/// The public plenary report (bilan semestriel / annuel) of a chosen period: built from published
/// contracts only, and from meetings whose visibility is public only (DOMAIN.md §2: no individual case
/// ever in plenary). Restricted and members-only meetings are counted, never described.
/// </summary>
public sealed class PlenaryReport(AppDbContext db, ObservatoryQueries observatory, ActionPlan.PlanQueries plan, Cases.CaseAggregates cases)
{
    public async Task<PlenaryReportData?> BuildAsync(Guid contractId, DateOnly from, DateOnly to)
    {
        var contract = await PublicContracts.Published(db).Where(c => c.Id == contractId).Select(c => new { c.Id, c.Title }).FirstOrDefaultAsync();
        if (contract is null) return null;
        var start = Recurrence.ParisToUtc(from, TimeOnly.MinValue);
        var end = Recurrence.ParisToUtc(to.AddDays(1), TimeOnly.MinValue);

        var meetings = await db.Meetings.AsNoTracking()
            .Where(m => m.ContractId == contractId && m.StartsAt >= start && m.StartsAt < end && m.Status == MeetingStatus.Held)
            .OrderBy(m => m.StartsAt)
            .Select(m => new { m.Id, m.StartsAt, m.Title, Body = m.Body!.Name, m.Visibility }).ToListAsync();
        var publicIds = meetings.Where(m => m.Visibility == MinutesVisibility.Public).Select(m => m.Id).ToList();
        var attendance = await db.Attendances.AsNoTracking().Where(a => publicIds.Contains(a.MeetingId))
            .Select(a => new { a.MeetingId, Partner = a.Organisation!.Name, a.Status }).ToListAsync();
        var decisions = await db.Outcomes.AsNoTracking().Where(o => publicIds.Contains(o.MeetingId) && o.Kind == OutcomeKind.Decision)
            .Join(db.Meetings, o => o.MeetingId, m => m.Id, (o, m) => new { m.StartsAt, m.Title, o.Text, o.CreatedAt }).ToListAsync();

        // Progress as the plan computes it (weights, sub-actions, commitments, status defaults; missing stays missing).
        // Egress: the public plan holds only public items (a decision's action stays out until declassified), and so do the indicators.
        var publicPlan = await plan.PublicPlanAsync(contractId);
        var publicRows = publicPlan?.Rows ?? [];
        var actions = publicRows.Where(r => r.Kind == PlanItemKind.Action).ToList();
        var publicItemIds = publicRows.Select(r => r.Id).ToList();
        // The plan's own view of its indicators: typed values, or the observatory series for an indicator fed from it
        // (issue 11 D: those never appeared, the report read stored values only). Only points up to the period's end.
        var indicatorViews = (await plan.IndicatorsAsync(contractId, publicItemIds, withObservatory: true)).Take(12).ToList();
        var indicatorIds = indicatorViews.Select(i => i.Id).ToList();
        var actionOf = await db.PlanIndicators.AsNoTracking().Where(i => indicatorIds.Contains(i.Id))
            .Select(i => new { i.Id, Action = i.PlanItem!.Title }).ToDictionaryAsync(i => i.Id, i => i.Action);

        var (territory, year, edition, trends, note) = await TrendsAsync(contractId, to.Year);

        return new PlenaryReportData(contract.Id, contract.Title, from, to,
            [.. actions.Select(a => new ReportAction(a.Title, a.StatusLabel, a.Progress.Value is { } v ? (double)v : null))],
            [.. indicatorViews.Select(i => new ReportIndicator(actionOf[i.Id], i.Name, i.Unit, i.BaselineValue, i.TargetValue,
                i.ObservatoryIndicatorCode is null ? i.Source : $"observatoire, SSMSI ({IndicatorCatalog.All.FirstOrDefault(d => d.Code == i.ObservatoryIndicatorCode)?.Label ?? i.ObservatoryIndicatorCode})",
                [.. i.Values.Where(v => v.On <= to && v.Value is not null).Select(v => new ReportIndicatorPoint(v.Period, v.Value!.Value))]))],
            [.. meetings.Where(m => m.Visibility == MinutesVisibility.Public)
                .Select(m => new ReportMeeting(m.StartsAt, m.Title, m.Body, attendance.Count(a => a.MeetingId == m.Id && a.Status is AttendanceStatus.Present or AttendanceStatus.Represented)))],
            meetings.Count(m => m.Visibility != MinutesVisibility.Public),
            [.. attendance.GroupBy(a => a.Partner).OrderBy(g => g.Key, StringComparer.Create(Culture.French, true))
                .Select(g => new ReportAttendance(g.Key, g.Count(a => a.Status == AttendanceStatus.Present), g.Count(a => a.Status == AttendanceStatus.Represented),
                    g.Count(a => a.Status == AttendanceStatus.Excused), g.Count(a => a.Status == AttendanceStatus.Absent)))],
            [.. decisions.OrderBy(d => d.StartsAt).ThenBy(d => d.CreatedAt).Select(d => new ReportDecision(d.StartsAt, d.Title, d.Text))],
            territory, year, edition, trends, note, publicPlan?.Headline, await cases.ForYearsAsync(contractId, from.Year, to.Year));
    }

    /// <summary>
    /// Recorded delinquency of the contract's territory for the report's year: the last year of the edition up to the
    /// period's end (a 2003 report never shows 2024 figures), every indicator of the table (issue 11 D: burglaries were
    /// cut off after six rows), and a note saying which year is shown and why when it is not the period's year.
    /// </summary>
    private async Task<(string?, int?, DateOnly?, IReadOnlyList<ReportTrend>, string?)> TrendsAsync(Guid contractId, int reportYear)
    {
        var territory = await observatory.ContractTerritoryAsync(PublicContracts.Published(db), contractId);
        if (territory is null || await observatory.EditionAsync(territory, null) is not { } edition) return (territory?.Name, null, null, [], null);
        var years = await observatory.YearsAsync(territory, edition);
        if (years.Count == 0) return (territory.Name, null, edition.ProducedOn, [], null);
        if (years.Where(y => y <= reportYear).DefaultIfEmpty().Max() is not (> 0 and var year))
            return (territory.Name, null, edition.ProducedOn, [],
                $"Aucun chiffre de délinquance enregistrée n'est présenté : la série SSMSI disponible (édition du {Culture.Date(edition.ProducedOn)}) commence en {years.Min()}, après la période du bilan ({reportYear}).");
        var note = year == reportYear ? null
            : $"Chiffres de {year} : dernière année publiée par le SSMSI (édition du {Culture.Date(edition.ProducedOn)}) à la fin de la période du bilan ({reportYear}).";
        var table = await observatory.TableAsync(territory, edition, year);
        var trends = new List<ReportTrend>();
        foreach (var row in table.Rows.Where(r => r.Count is not null))
        {
            var series = await observatory.SeriesAsync(territory, edition, row.Code);
            trends.Add(new ReportTrend(row.Label, row.Unit, row.Count, row.Rate, row.ChangePercent, row.FranceRate,
                [.. (series?.Points ?? []).Where(p => p.Year <= year)]));
        }
        return (territory.Name, year, edition.ProducedOn, trends, note);
    }

    public static byte[] Pdf(PlenaryReportData r)
    {
        using var pdf = new PdfReport($"Bilan du CLSPD — {r.Contract}", $"Période du {Culture.Date(r.From)} au {Culture.Date(r.To)}");
        pdf.Paragraph("Bilan public présenté en séance plénière. Aucune situation individuelle n'y figure : seuls les comptes rendus publics des instances sont repris.");

        pdf.Heading("Les actions et leur avancement", 2);
        if (r.Actions.Count == 0) pdf.Paragraph("Le plan d'action n'est pas encore saisi.", muted: true);
        if (r.Actions.Count > 0 && r.Headline is { } headline)
            pdf.Paragraph($"Avancement global : {headline.Text}." + (headline.Caveat is { } caveat ? " " + caveat : ""));
        if (r.Actions.Count > 0) pdf.ProgressBars("Avancement des actions du plan", r.Actions.Select(a => ($"{a.Title}{(a.Status is null ? "" : $" ({a.Status})")}", a.Progress)));

        pdf.Heading("Les indicateurs au regard des cibles", 2);
        var charted = r.Indicators.Where(i => i.Points.Count > 0).Take(6).ToList();
        if (charted.Count == 0) pdf.Paragraph("Aucune valeur d'indicateur pour la période.", muted: true);
        foreach (var i in charted)
        {
            var labels = i.Points.Select(p => p.Period).ToList();
            var series = new List<PdfChartSeries> { new(i.Name, [.. i.Points.Select(p => (double?)p.Value)]) };
            if (i.Target is { } target) series.Add(new PdfChartSeries("Cible", [.. i.Points.Select(_ => (double?)target)]));
            var first = i.Points[0];
            var last = i.Points[^1];
            var alt = $"{i.Name} ({i.Unit}) : {Number(first.Value)} en {first.Period}, {Number(last.Value)} en {last.Period}"
                + (i.Target is { } t ? $" ; cible {Number(t)}." : ".");
            pdf.LineChart($"{i.Name} — {i.Action}", alt, labels, series, i.Unit);
        }

        pdf.Heading("Les réunions tenues", 2);
        if (r.Meetings.Count == 0) pdf.Paragraph("Aucune réunion publique tenue sur la période.", muted: true);
        else WordSafeTable(pdf, "Réunions publiques tenues", ["Date", "Réunion", "Instance", "Partenaires présents"],
            [.. r.Meetings.Select(m => (IReadOnlyList<string>)[Culture.DateTime(m.StartsAt), m.Title, m.Body, m.Present.ToString(Culture.French)])], [3, 5, 4, 2]);
        if (r.OtherMeetings > 0) pdf.Paragraph($"{r.OtherMeetings} autre(s) réunion(s) d'instances à diffusion restreinte se sont tenues sur la période ; leur contenu n'est pas public.");

        pdf.Heading("La participation des partenaires", 2);
        if (r.Attendance.Count == 0) pdf.Paragraph("Aucune présence enregistrée.", muted: true);
        else WordSafeTable(pdf, "Présences par partenaire aux réunions publiques", ["Partenaire", "Présent", "Représenté", "Excusé", "Absent"],
            [.. r.Attendance.Select(a => (IReadOnlyList<string>)[a.Partner, N(a.Present), N(a.Represented), N(a.Excused), N(a.Absent)])], [6, 2, 2, 2, 2], rowHeaders: true);

        pdf.Heading("Les décisions prises", 2);
        if (r.Decisions.Count == 0) pdf.Paragraph("Aucune décision publique sur la période.", muted: true);
        else pdf.Bullets(r.Decisions.Select(d => $"{Culture.Date(DateOnly.FromDateTime(Recurrence.ToParis(d.Date).DateTime))} — {d.Meeting} : {d.Text}"));

        if (r.Cases is { Count: > 0 } blocks)
        {
            pdf.Heading("Le suivi individuel en chiffres anonymes", 2);
            pdf.Paragraph(Cases.CaseAggregates.Note);
            foreach (var t in Cases.CaseAggregates.Tables(blocks))
                WordSafeTable(pdf, t.Caption, t.Headers, t.Rows, t.Headers.Count == 3 ? [6, 2, 2] : [4, 2, 5, 2]);
        }

        pdf.Heading("La délinquance enregistrée sur le territoire", 2);
        if (r.ObservatoryNote is { } note) pdf.Paragraph(note, muted: true);
        if (r.Trends.Count == 0) { if (r.ObservatoryNote is null) pdf.Paragraph("Les données de l'observatoire ne sont pas disponibles pour ce territoire.", muted: true); }
        else
        {
            WordSafeTable(pdf, $"{r.Territory} — {r.ObservatoryYear}", ["Indicateur", "Nombre", "Taux", "Évolution", "Taux France"],
                [.. r.Trends.Select(t => (IReadOnlyList<string>)[t.Label, t.Count is { } c ? c.ToString("N0", Culture.French) : "—", Rate(t.Rate), t.ChangePercent is { } p ? $"{p.ToString("+0.0;-0.0;0", Culture.French)} %" : "—", Rate(t.FranceRate)])], [5, 2, 2, 2, 2]);
            foreach (var t in r.Trends.Where(t => t.Series.Count(p => p.Count is not null) >= 2).Take(3))
            {
                var points = t.Series.OrderBy(p => p.Year).ToList();
                var known = points.Where(p => p.Count is not null).ToList();
                pdf.LineChart($"{t.Label} ({r.Territory})",
                    $"{t.Label} : {known[0].Count?.ToString("N0", Culture.French)} en {known[0].Year}, {known[^1].Count?.ToString("N0", Culture.French)} en {known[^1].Year}.",
                    [.. points.Select(p => p.Year.ToString(System.Globalization.CultureInfo.InvariantCulture))],
                    [new PdfChartSeries("Nombre de faits", [.. points.Select(p => p.Count is { } c ? (double?)c : null)])]);
            }
        }

        pdf.Heading("Sources", 2);
        foreach (var s in r.Sources) pdf.Source(s);
        return pdf.ToArray();
    }

    /// <summary>
    /// A table whose columns are wide enough for their longest word (issue 11 D: "Repré-senté" split mid-word): each
    /// column's share is at least its longest word (header included, bold counts a little wider) plus the cell padding,
    /// and at least its <paramref name="preferred"/> share of the rest; the writer then only wraps between words.
    /// </summary>
    internal static void WordSafeTable(PdfReport pdf, string caption, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows,
        IReadOnlyList<double> preferred, bool rowHeaders = false) =>
        pdf.Table(caption, headers, rows, WordSafeWidths(headers, rows, preferred), rowHeaders);

    /// <summary>Relative column widths in "characters": max(longest word + padding, preferred share of 60 characters).</summary>
    internal static double[] WordSafeWidths(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<double> preferred)
    {
        static int Longest(string s) => s.Split([' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(w => w.Length).DefaultIfEmpty(0).Max();
        var total = preferred.Sum();
        return [.. headers.Select((h, i) =>
        {
            var word = Math.Max(Math.Ceiling(Longest(h) * 1.15), rows.Select(r => i < r.Count ? Longest(r[i]) : 0).DefaultIfEmpty(0).Max());
            return Math.Max(word + 3, 60 * preferred[i] / total);
        })];
    }

    private static string N(int n) => n.ToString(Culture.French);
    private static string Number(decimal d) => d.ToString("G29", Culture.French);
    private static string Rate(decimal? r) => r is { } v ? v.ToString("N2", Culture.French) + " ‰" : "—";
}
