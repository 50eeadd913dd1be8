using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Vigie.Web.Features.ActionPlan;

namespace Vigie.Web.Features.Evaluation;

/// <summary>
/// A frozen report version as listed to members: who validated it, where, when, its SHA-256 fingerprint and that of its
/// public rendering (<see cref="PublicContentHash"/>, the one the public page and PDF show once it is presented).
/// </summary>
public sealed record EvaluationReportVersionDto(int Number, EvaluationStatus Status, DateOnly ValidatedOn, string? ValidatedBy, string? ValidatedByBody,
    string? ValidatedInMeeting, DateOnly? PresentedOn, DateOnly ExtractedOn, string ContentHash, string PublicContentHash);

/// <summary>
/// The public report of an evaluation and, when it is read from a frozen version, the SHA-256 of that version's public
/// rendering (<see cref="EvaluationReportVersion.PublicContentHash"/>): shown on the public page and PDF, so that a reader can
/// check with the contract's members which validated version was published (null: presented before versions were kept).
/// </summary>
public sealed record EvaluationPublicReport(EvaluationReportView Report, string? Fingerprint);

/// <summary>One line of the report that differs between two versions: its section, what it is, and its value in each.</summary>
public sealed record EvaluationVersionChange(string Section, string Item, string Before, string After);

/// <summary>What changed from version <see cref="From"/> to version <see cref="To"/>, section by section.</summary>
public sealed record EvaluationVersionComparison(int From, int To, IReadOnlyList<EvaluationVersionChange> Changes)
{
    public bool Identical => Changes.Count == 0;
}

/// <summary>
/// Report versions frozen at validation (issue 15 item 5, ADR 0016): validating computes the report once for three audiences
/// — the full members' report (all restricted content a coordinator may read), the report every member may read (no
/// restricted content) and the public report — and keeps each as JSON with the SHA-256 of the full one. A validated or
/// presented report is then read from its version: a later SSMSI edition, indicator value or register entry does not change
/// it; the draft keeps computing live. Public readers only ever get the public rendering.
/// </summary>
public sealed class EvaluationVersions(AppDbContext db, PlanQueries plans, EvaluationReportBuilder builder, ICurrentUser user)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    /// <summary>Freezes the evaluation's current report version (the evaluation is tracked and already validated). Does not save.</summary>
    public async Task<EvaluationReportVersion> FreezeAsync(ContractEvaluation e, Guid? meetingId, CancellationToken ct = default)
    {
        var full = await RenderAsync(e, new Entitlement(true, true, new HashSet<Guid>()), isPublic: false, ct);
        var members = await RenderAsync(e, new Entitlement(true, false, new HashSet<Guid>()), isPublic: false, ct);
        var @public = await RenderAsync(e, Entitlement.PublicOnly, isPublic: true, ct);
        var body = meetingId is { } m ? await db.Meetings.Where(x => x.Id == m).Select(x => (Guid?)x.BodyId).FirstOrDefaultAsync(ct) : e.MandateBodyId;
        var version = new EvaluationReportVersion
        {
            ContractId = e.ContractId, EvaluationId = e.Id, Number = e.ReportVersion, Status = e.Status, ValidatedOn = e.ValidatedOn ?? builder.Today,
            PresentedOn = e.PresentedOn, ValidatedById = user.Id, ValidatedByBodyId = body, ValidatedInMeetingId = meetingId, ExtractedOn = full.ExtractedOn,
            FullContent = full.Json, MembersContent = members.Json, PublicContent = @public.Json, ContentHash = Sha256(full.Json), PublicContentHash = Sha256(@public.Json),
        };
        db.EvaluationReportVersions.Add(version);
        return version;
    }

    private async Task<(string Json, DateOnly ExtractedOn)> RenderAsync(ContractEvaluation e, Entitlement entitlement, bool isPublic, CancellationToken ct)
    {
        var plan = await plans.PlanAsync(e.ContractId, entitlement) ?? throw new InvalidOperationException("The coordinator reads the plan of the evaluated contract.");
        var view = await builder.BuildAsync(e, plan, entitlement, isPublic, ct);
        return (JsonSerializer.Serialize(view, Json), view.ExtractedOn);
    }

    public static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));

    /// <summary>A frozen rendering as a report: the evaluation as it was, with the version's number, state and dates.</summary>
    public static EvaluationReportView Read(EvaluationReportVersion v, string content)
    {
        var view = JsonSerializer.Deserialize<EvaluationReportView>(content, Json)!;
        var e = view.Evaluation;
        (e.Status, e.ReportVersion, e.ValidatedOn, e.PresentedOn) = (v.Status, v.Number, v.ValidatedOn, v.PresentedOn);
        return view;
    }

    /// <summary>
    /// A frozen rendering narrowed to what the reader may read today: the figures stay as frozen, but an action, priority or
    /// objective made restricted (or removed) since the freeze leaves the report, with its ratings and indicators, and the
    /// overall line, the axes' counts and the budget by funder are recounted from the actions left (so no total reveals a
    /// hidden action); a contract that stopped publishing its budget shows none on the public report. Visibility is never
    /// frozen (ADR 0016).
    /// </summary>
    public static EvaluationReportView Restrict(EvaluationReportView view, PlanView plan, bool isPublic, Entitlement? entitlement = null)
    {
        // Versions frozen before the charters were kept to the full version carry them in the members' rendering too.
        if (view.Charters is { Count: > 0 } && entitlement is not { AllRestricted: true }) view = view with { Charters = [] };
        var visible = plan.Rows.Select(r => r.Id).ToHashSet();
        var hideBudget = isPublic && !plan.PublishBudget;
        var actions = view.Actions.Where(a => visible.Contains(a.ItemId)).ToList();
        // Versions frozen before ratings kept their plan item name it only as "N. Titre": matched on the title of a hidden line.
        var goneTitles = view.Actions.Where(a => !visible.Contains(a.ItemId)).Select(a => a.Title)
            .Concat(view.Priorities.Where(p => !visible.Contains(p.ItemId)).Select(p => p.Title)).ToHashSet(StringComparer.Ordinal);
        bool Shown(EvaluationRatingLine r) => r.PlanItemId is { } item ? visible.Contains(item)
            : r.ItemTitle is null || !goneTitles.Contains(StripNumber(r.ItemTitle));
        bool Readable(EvaluationIndicatorLine i) => i.PlanItemId is not { } item || visible.Contains(item);
        var ratings = view.Ratings.Where(Shown).ToList();
        var priorities = view.Priorities.Where(p => visible.Contains(p.ItemId)).ToList();
        var indicatorsGone = priorities.Any(p => p.Indicators?.Any(i => !Readable(i)) == true) || actions.Any(a => a.Indicators.Any(i => !Readable(i)));
        var actionsGone = actions.Count != view.Actions.Count;
        if (!actionsGone && priorities.Count == view.Priorities.Count && ratings.Count == view.Ratings.Count && !indicatorsGone && !hideBudget) return view;
        if (hideBudget) actions = [.. actions.Select(a => a with { Budget = [] })];
        actions = [.. actions.Select(a => a.Indicators.All(Readable) ? a : a with { Indicators = [.. a.Indicators.Where(Readable)] })];
        priorities = [.. priorities.Select(p =>
        {
            var line = p.Indicators is { } ind && !ind.All(Readable) ? p with { Indicators = [.. ind.Where(Readable)] } : p;
            if (!actionsGone) return line;
            var under = actions.Where(a => a.Priority == $"{p.Number}. {p.Title}").ToList();
            return line with
            {
                Actions = under.Count, Met = under.Count(a => a.Attainment == Attainment.Met), Partly = under.Count(a => a.Attainment == Attainment.Partly),
                NotMet = under.Count(a => a.Attainment == Attainment.NotMet),
            };
        })];
        return view with
        {
            Actions = actions, Priorities = priorities, Ratings = ratings,
            Overall = actionsGone ? EvaluationOverall.Of(actions.Select(a => a.Attainment)) : view.Overall,
            BudgetByFunder = hideBudget ? [] : actionsGone
                ? [.. actions.SelectMany(a => a.Budget).GroupBy(b => b.Funder).OrderBy(g => g.Key)
                    .Select(g => new EvaluationBudgetLine(g.Key, g.Sum(x => x.Planned), g.Sum(x => x.Granted), g.Sum(x => x.Spent)))]
                : view.BudgetByFunder,
        };
    }

    /// <summary>"3.2. Titre" → "Titre": a plan line's title without its number.</summary>
    private static string StripNumber(string numbered)
    {
        var space = numbered.IndexOf(". ", StringComparison.Ordinal);
        return space > 0 ? numbered[(space + 2)..] : numbered;
    }

    /// <summary>The rendering an audience may read: the full one for readers of every restricted item, else the members' one.</summary>
    public static string ContentFor(EvaluationReportVersion v, Entitlement entitlement) => entitlement.AllRestricted ? v.FullContent : v.MembersContent;

    /// <summary>The frozen version of the evaluation's current report, when it is validated or presented (null for a draft).</summary>
    public Task<EvaluationReportVersion?> CurrentAsync(ContractEvaluation e, CancellationToken ct = default) =>
        e.Status == EvaluationStatus.Draft ? Task.FromResult<EvaluationReportVersion?>(null)
            : db.EvaluationReportVersions.AsNoTracking().FirstOrDefaultAsync(v => v.EvaluationId == e.Id && v.Number == e.ReportVersion, ct);

    public Task<EvaluationReportVersion?> FindAsync(Guid evaluationId, int number, CancellationToken ct = default) =>
        db.EvaluationReportVersions.AsNoTracking().FirstOrDefaultAsync(v => v.EvaluationId == evaluationId && v.Number == number, ct);

    /// <summary>The latest version presented in plenary: the only one the public page shows.</summary>
    public Task<EvaluationReportVersion?> LatestPresentedAsync(Guid evaluationId, CancellationToken ct = default) =>
        db.EvaluationReportVersions.AsNoTracking().Where(v => v.EvaluationId == evaluationId && v.Status == EvaluationStatus.Presented)
            .OrderByDescending(v => v.Number).FirstOrDefaultAsync(ct);

    public async Task<IReadOnlyList<EvaluationReportVersionDto>> ListAsync(Guid evaluationId, CancellationToken ct = default)
    {
        var rows = await db.EvaluationReportVersions.AsNoTracking().Where(v => v.EvaluationId == evaluationId).OrderByDescending(v => v.Number)
            .Select(v => new
            {
                v.Number, v.Status, v.ValidatedOn, v.ValidatedById, v.PresentedOn, v.ExtractedOn, v.ContentHash, v.PublicContentHash,
                Body = db.Bodies.Where(b => b.Id == v.ValidatedByBodyId).Select(b => b.Name).FirstOrDefault(),
                Meeting = db.Meetings.Where(m => m.Id == v.ValidatedInMeetingId).Select(m => new { m.Title, m.StartsAt }).FirstOrDefault(),
            }).ToListAsync(ct);
        var userIds = rows.Where(r => r.ValidatedById != null).Select(r => r.ValidatedById!.Value).Distinct().ToList();
        var names = await db.Users.AsNoTracking().Where(u => userIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName, ct);
        return [.. rows.Select(r => new EvaluationReportVersionDto(r.Number, r.Status, r.ValidatedOn, r.ValidatedById is { } u ? names.GetValueOrDefault(u) : null, r.Body,
            r.Meeting is { } m ? $"{m.Title} du {Culture.DateTime(m.StartsAt)}" : null, r.PresentedOn, r.ExtractedOn, r.ContentHash, r.PublicContentHash))];
    }
}

/// <summary>
/// Compares two frozen reports line by line (pure): the synthesis, every fiche action and indicator, priorities, budget,
/// governance, criteria, recommendations and each contributed section's table cells and texts, matched by what they are.
/// </summary>
public static class EvaluationVersionCompare
{
    public static EvaluationVersionComparison Compare(EvaluationReportView before, EvaluationReportView after, int from, int to)
    {
        var old = Lines(before);
        var now = Lines(after);
        var changes = new List<EvaluationVersionChange>();
        foreach (var (key, value) in now)
        {
            var was = old.GetValueOrDefault(key);
            if (!string.Equals(was, value, StringComparison.Ordinal)) changes.Add(new(key.Section, key.Item, was ?? "—", value));
        }
        foreach (var (key, value) in old.Where(o => !now.ContainsKey(o.Key)))
            changes.Add(new(key.Section, key.Item, value, "—"));
        return new EvaluationVersionComparison(from, to, changes);
    }

    /// <summary>The report as (section, item) → value, in reading order.</summary>
    public static Dictionary<(string Section, string Item), string> Lines(EvaluationReportView r)
    {
        var lines = new Dictionary<(string, string), string>();
        void Add(string section, string item, string? value) => lines.TryAdd((section, item), string.IsNullOrWhiteSpace(value) ? "—" : value);
        string N(decimal? v) => EvaluationLabels.Number(v);

        Add("Synthèse", "Bilan des objectifs", r.Overall.Sentence);
        Add("Synthèse", "Conclusion", r.Evaluation.Conclusion);
        foreach (var a in r.Actions)
        {
            var action = $"{a.Number}. {a.Title}";
            Add("Fiches action", action, $"{EvaluationFigures.Label(a.Attainment)}, avancement {a.Progress} %, jalons tenus {a.MilestonesMet} / {a.Milestones}");
            foreach (var i in a.Indicators)
                Add("Indicateurs", $"{action} — {i.Name}",
                    $"référence {N(i.Baseline)}, cible {N(i.Target)}, réalisé {N(i.Achieved)} ({Culture.Date(i.AchievedOn)}) : {EvaluationFigures.Label(i.Attainment)} — {i.Source}");
            foreach (var b in a.Budget)
                Add("Budget des fiches", $"{action} — {PlanLabels.Funder(b.Funder)}", $"{EvaluationLabels.Euros(b.Planned)} / {EvaluationLabels.Euros(b.Granted)} / {EvaluationLabels.Euros(b.Spent)}");
        }
        foreach (var p in r.Priorities)
            Add("Objectifs par axe", $"{p.Number}. {p.Title}", $"{p.Actions} fiches : {p.Met} atteints, {p.Partly} partiellement, {p.NotMet} non atteints");
        var g = r.Governance;
        foreach (var b in g.Bodies) Add("Gouvernance", b.Name, $"{b.Held} réunions tenues sur {b.Planned} prévues, {b.Cancelled} annulées");
        foreach (var a in g.Attendance) Add("Assiduité", a.Organisation, $"{a.Present} présences sur {a.Expected}");
        Add("Gouvernance", "Décisions et tâches", $"{g.Decisions} décisions, {g.TasksClosedOnTime} tâches closes dans les délais sur {g.TasksWithDueDate}, {g.TasksOpen} ouvertes");
        foreach (var x in r.Ratings)
            Add("Appréciation par critère", $"{EvaluationLabels.Criterion(x.Criterion)} — {(x.ItemTitle is { } t ? t + " — " : "")}{x.Question}",
                $"{EvaluationLabels.Level(x.Level)} ({EvaluationLabels.Confidence(x.Confidence)}) : {x.Evidence}");
        foreach (var x in r.Recommendations)
            Add("Recommandations", x.Text, $"priorité {EvaluationLabels.Priority(x.Priority)}{(x.Owner is { } o ? ", " + o : "")}");
        foreach (var s in r.Sections)
        {
            Add(s.Title, "Texte", string.Join(" ", s.Paragraphs));
            foreach (var t in s.Tables)
            {
                // A row is named by its first cell, or its first two when the first repeats (a commune per year).
                var keyCells = t.Rows.Select(x => x.FirstOrDefault()).Distinct().Count() == t.Rows.Count ? 1 : 2;
                foreach (var row in t.Rows)
                    for (var c = keyCells; c < row.Count && c < t.Headers.Count; c++)
                        Add($"{s.Title} — {t.Caption}", $"{string.Join(" ", row.Take(keyCells))} — {t.Headers[c]}", row[c]);
            }
        }
        return lines;
    }
}
