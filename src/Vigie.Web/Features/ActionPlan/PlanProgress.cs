namespace Vigie.Web.Features.ActionPlan;

/// <summary>Where a progress figure comes from, shown next to it so nobody wonders why it is what it is.</summary>
public enum ProgressSource
{
    /// <summary>No data: shown as missing, never as 0 %.</summary>
    Missing,
    /// <summary>Typed by the coordinator (overrides everything).</summary>
    Override,
    /// <summary>The item's status closes it as done (its default progress, usually 100 %).</summary>
    DoneStatus,
    SubItems,
    Milestones,
    Commitments,
    /// <summary>The status's default progress, when there is nothing to compute from.</summary>
    StatusDefault,
}

/// <summary>A computed progress: value 0–100 or null (missing), plus how many contributors had no value.</summary>
public sealed record Progress(decimal? Value, ProgressSource Source, int Counted, int Missing)
{
    public static readonly Progress None = new(null, ProgressSource.Missing, 0, 0);
    public bool IsMissing => Value is null;
    /// <summary>Some contributors were left out for lack of a value: the figure is partial.</summary>
    public bool IsPartial => Value is not null && Missing > 0;
}

/// <summary>Inputs of the computation for one item (no database types: the rules are tested on their own).</summary>
public sealed record ProgressNode(
    Guid Id,
    Guid? ParentId,
    decimal Weight,
    int? Override,
    int? StatusDefault,
    bool StatusIsDone,
    bool CountsInParent,
    IReadOnlyList<(decimal Weight, bool Done)> Milestones,
    IReadOnlyList<(decimal Weight, int? Progress)> Commitments);

/// <summary>
/// The progress rules of the action plan (docs/action-plan-progress.md). Pure: from the tree, its milestones and
/// commitments to a progress per item and for the whole plan. A missing value is excluded from a weighted
/// average and reported as missing — never averaged in as zero.
/// </summary>
public static class PlanProgress
{
    public static (IReadOnlyDictionary<Guid, Progress> Items, Progress Plan) Compute(IReadOnlyList<ProgressNode> nodes)
    {
        var children = nodes.Where(n => n.ParentId is not null).ToLookup(n => n.ParentId!.Value);
        var result = new Dictionary<Guid, Progress>();

        Progress Of(ProgressNode n)
        {
            if (result.TryGetValue(n.Id, out var known)) return known;
            var p = Own(n, children[n.Id].Select(c => (c, Of(c))).ToList());
            result[n.Id] = p;
            return p;
        }

        foreach (var n in nodes) Of(n);
        var roots = nodes.Where(n => n.ParentId is null).Select(n => (n, result[n.Id])).ToList();
        var plan = Average(roots.Where(r => r.n.CountsInParent).Select(r => (r.n.Weight, r.Item2.Value)).ToList(), ProgressSource.SubItems);
        return (result, plan);
    }

    private static Progress Own(ProgressNode n, List<(ProgressNode Node, Progress Progress)> kids)
    {
        if (n.Override is { } o) return new Progress(Clamp(o), ProgressSource.Override, 1, 0);
        if (n.StatusIsDone && n.StatusDefault is { } done) return new Progress(Clamp(done), ProgressSource.DoneStatus, 1, 0);

        var counted = kids.Where(k => k.Node.CountsInParent).ToList();
        if (counted.Count > 0)
        {
            // Sub-items decide; when none has a value the item is missing too: its own status default
            // (often "prévue" = 0 %) would hide that nobody reported anything.
            return Average(counted.Select(k => (k.Node.Weight, k.Progress.Value)).ToList(), ProgressSource.SubItems);
        }
        if (n.Milestones.Count > 0)
        {
            var total = n.Milestones.Sum(m => m.Weight);
            if (total > 0)
                return new Progress(Math.Round(100m * n.Milestones.Where(m => m.Done).Sum(m => m.Weight) / total, 1), ProgressSource.Milestones, n.Milestones.Count, 0);
        }
        if (n.Commitments.Count > 0)
        {
            var fromCommitments = Average(n.Commitments.Select(c => (c.Weight, c.Progress is { } v ? (decimal?)Clamp(v) : null)).ToList(), ProgressSource.Commitments);
            if (fromCommitments.Value is not null) return fromCommitments;
            return Fallback(n) ?? fromCommitments;
        }
        return Fallback(n) ?? Progress.None;
    }

    private static Progress? Fallback(ProgressNode n) =>
        n.StatusDefault is { } d ? new Progress(Clamp(d), ProgressSource.StatusDefault, 1, 0) : null;

    /// <summary>Weighted mean of the known values; unknown ones are counted as missing. Zero total weight = missing.</summary>
    public static Progress Average(IReadOnlyList<(decimal Weight, decimal? Value)> parts, ProgressSource source)
    {
        var known = parts.Where(p => p.Value is not null && p.Weight > 0).ToList();
        var missing = parts.Count(p => p.Value is null);
        var weight = known.Sum(p => p.Weight);
        if (known.Count == 0 || weight == 0) return new Progress(null, ProgressSource.Missing, 0, missing);
        return new Progress(Math.Round(known.Sum(p => p.Weight * p.Value!.Value) / weight, 1), source, known.Count, missing);
    }

    private static decimal Clamp(int v) => Math.Clamp(v, 0, 100);

    public static string Label(ProgressSource s) => s switch
    {
        ProgressSource.Override => "saisi par la coordination",
        ProgressSource.DoneStatus => "statut terminé",
        ProgressSource.SubItems => "calculé des éléments inclus",
        ProgressSource.Milestones => "calculé des jalons",
        ProgressSource.Commitments => "calculé des engagements des partenaires",
        ProgressSource.StatusDefault => "valeur par défaut du statut",
        _ => "non renseigné",
    };
}

/// <summary>
/// The plan's headline figure, stated so that it cannot mislead (issue 11 E, docs/action-plan-progress.md): a mean over
/// the actions that have a value says over how many, "4 actions sur 5 renseignées : 100 %", never a bare "100 %" that a
/// reader takes for "finished". The same text on the plan page, the public page, the plan PDF and the plenary report.
/// </summary>
public sealed record PlanHeadline(int Actions, int Reported, decimal? Value)
{
    /// <summary>Actions (fiches action) whose status counts in the roll-up; reported = those with a progress value.</summary>
    public static PlanHeadline Of(PlanView plan)
    {
        var outOfRollUp = plan.Statuses.Where(s => !s.CountsInProgress).Select(s => s.Key).ToHashSet();
        var actions = plan.Rows.Where(r => r.Kind == PlanItemKind.Action && (r.StatusKey is null || !outOfRollUp.Contains(r.StatusKey))).ToList();
        return new PlanHeadline(actions.Count, actions.Count(a => !a.Progress.IsMissing), plan.Progress.Value);
    }

    public string Text => (Actions, Reported, Value) switch
    {
        (0, _, null) => "non renseigné",
        (0, _, { } v) => Percent(v),
        (_, 0, _) => Actions == 1 ? "l'action n'est pas renseignée" : $"aucune des {Actions} actions n'est renseignée",
        (_, _, null) => "non renseigné",
        (_, _, { } v) => $"{Reported} {(Reported == 1 ? "action" : "actions")} sur {Actions} {(Reported == 1 ? "renseignée" : "renseignées")} : {Percent(v)}",
    };

    /// <summary>Said under the figure when some actions have no value: they are left out of the mean, not counted as 0 %.</summary>
    public string? Caveat => Reported < Actions && Reported > 0
        ? $"{Actions - Reported} {(Actions - Reported == 1 ? "action sans avancement renseigné n'est pas comptée" : "actions sans avancement renseigné ne sont pas comptées")} dans ce pourcentage."
        : null;

    private static string Percent(decimal v) => v.ToString("0.#", Culture.French) + " %";
}
