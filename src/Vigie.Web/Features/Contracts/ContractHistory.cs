using System.Text.Json;

namespace Vigie.Web.Features.Contracts;

/// <summary>What a contract looked like at one version: kept as JSON in <see cref="ContractVersion"/>.</summary>
public sealed record ContractSnapshot(
    string Title,
    ContractKind Kind,
    ContractStatus Status,
    DateOnly StartDate,
    DateOnly EndDate,
    string? Summary,
    bool IsPublished,
    IReadOnlyList<string> Territories,
    IReadOnlyList<string> Signatories,
    string? SignedDocument,
    int AmendmentCount,
    IReadOnlyList<ContractPlanLine>? Plan = null);

/// <summary>
/// One priority or action of the action plan in a contract snapshot (null plan: a version recorded before plans were kept).
/// <paramref name="Priority"/>: the reference of an action's priority (null for a priority, or in a snapshot recorded before it was kept).
/// </summary>
public sealed record ContractPlanLine(string Reference, PlanItemKind Kind, string Title, string? Priority = null);

public sealed record FieldChange(string Field, string Before, string After);

/// <summary>Records a snapshot after every change, and tells what changed between two versions.</summary>
public sealed class ContractHistory(AppDbContext db, TimeProvider clock, ICurrentUser user)
{
    private static readonly JsonSerializerOptions Json = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public async Task<ContractSnapshot> SnapshotAsync(Guid contractId)
    {
        var c = await db.Contracts.AsNoTracking().Where(x => x.Id == contractId)
            .Select(x => new
            {
                x.Title, x.Kind, x.Status, x.StartDate, x.EndDate, x.Summary, x.IsPublished,
                Territories = x.Territories.OrderBy(t => t.Territory!.Name).Select(t => t.Territory!.Name + " (" + t.Territory.Code + ")").ToList(),
                Signatories = x.Signatories.OrderBy(s => s.Order).Select(s => new { Org = s.Organisation!.Name, s.RepresentativeName, s.RepresentativePosition, s.SignedOn }).ToList(),
                Document = x.SignedDocument == null ? null : x.SignedDocument.FileName,
                Amendments = x.Amendments.Count,
            }).SingleAsync();
        var items = await db.PlanItems.AsNoTracking().Where(i => i.ContractId == contractId)
            .Select(i => new { i.Id, i.ParentId, i.Reference, i.Kind, i.Title }).ToListAsync();
        var byId = items.ToDictionary(i => i.Id);
        string? PriorityOf(Guid? parentId)
        {
            var root = parentId is { } p ? byId.GetValueOrDefault(p) : null;
            while (root?.ParentId is { } up && byId.TryGetValue(up, out var next)) root = next;
            return root?.Kind == PlanItemKind.Priority ? root.Reference : null;
        }
        var plan = items.Where(i => i.Kind is PlanItemKind.Priority or PlanItemKind.Action).OrderBy(i => i.Reference, StringComparer.Ordinal)
            .Select(i => new ContractPlanLine(i.Reference, i.Kind, i.Title, i.Kind == PlanItemKind.Action ? PriorityOf(i.ParentId) : null)).ToList();
        return new ContractSnapshot(c.Title, c.Kind, c.Status, c.StartDate, c.EndDate, c.Summary, c.IsPublished, c.Territories,
            c.Signatories.Select(s => $"{s.Org} — {s.RepresentativeName}{(s.RepresentativePosition is null ? "" : ", " + s.RepresentativePosition)}" +
                (s.SignedOn is { } d ? $" (signé le {Culture.Date(d)})" : " (non signé)")).ToList(),
            c.Document, c.Amendments, plan);
    }

    /// <summary>Adds a version row for the contract's current state and bumps its version number. Saves.</summary>
    public async Task<ContractVersion> RecordAsync(Guid contractId, VersionCause cause, DateOnly effectiveDate, Guid? amendmentId = null)
    {
        var snapshot = await SnapshotAsync(contractId);
        var last = await db.ContractVersions.Where(v => v.ContractId == contractId).MaxAsync(v => (int?)v.Number) ?? 0;
        var version = new ContractVersion
        {
            ContractId = contractId,
            Number = last + 1,
            Cause = cause,
            AmendmentId = amendmentId,
            EffectiveDate = effectiveDate,
            Snapshot = JsonSerializer.Serialize(snapshot, Json),
            RecordedAt = clock.GetUtcNow(),
            RecordedById = user.Id,
        };
        db.ContractVersions.Add(version);
        await db.SaveChangesAsync();
        await db.Contracts.Where(c => c.Id == contractId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Version, version.Number));
        return version;
    }

    public static ContractSnapshot Read(ContractVersion version) =>
        JsonSerializer.Deserialize<ContractSnapshot>(version.Snapshot, Json)!;

    public static IReadOnlyList<FieldChange> Diff(ContractSnapshot? before, ContractSnapshot after)
    {
        var changes = new List<FieldChange>();
        void Add(string field, string? b, string? a)
        {
            if (!string.Equals(b, a, StringComparison.Ordinal)) changes.Add(new FieldChange(field, b ?? "—", a ?? "—"));
        }
        Add("Intitulé", before?.Title, after.Title);
        Add("Type", before is null ? null : Labels.Kind(before.Kind), Labels.Kind(after.Kind));
        Add("Statut", before is null ? null : Labels.Status(before.Status), Labels.Status(after.Status));
        Add("Début", before is null ? null : Culture.Date(before.StartDate), Culture.Date(after.StartDate));
        Add("Fin", before is null ? null : Culture.Date(before.EndDate), Culture.Date(after.EndDate));
        Add("Présentation", before?.Summary, after.Summary);
        Add("Publication", before is null ? null : before.IsPublished ? "publié" : "non publié", after.IsPublished ? "publié" : "non publié");
        Add("Territoire", before is null ? null : string.Join(" ; ", before.Territories), string.Join(" ; ", after.Territories));
        Add("Signataires", before is null ? null : string.Join(" ; ", before.Signatories), string.Join(" ; ", after.Signatories));
        Add("Document signé", before?.SignedDocument, after.SignedDocument);
        Add("Avenants", before?.AmendmentCount.ToString(Culture.French), after.AmendmentCount.ToString(Culture.French));
        return changes;
    }

    /// <summary>
    /// The priorities and actions added, removed, renamed or moved to another priority between two plans, matched by their
    /// stable reference (a move is told only when both snapshots kept the action's priority).
    /// </summary>
    public static IEnumerable<FieldChange> PlanChanges(IReadOnlyList<ContractPlanLine> before, IReadOnlyList<ContractPlanLine> after)
    {
        static string Agreed(PlanItemKind kind, string verb) => kind == PlanItemKind.Priority ? $"Axe {verb}" : $"Action {verb}e";
        var old = before.ToDictionary(l => l.Reference);
        var now = after.ToDictionary(l => l.Reference);
        foreach (var line in after)
        {
            if (!old.TryGetValue(line.Reference, out var was)) yield return new FieldChange(Agreed(line.Kind, "ajouté"), "—", line.Title);
            else
            {
                if (!string.Equals(was.Title, line.Title, StringComparison.Ordinal)) yield return new FieldChange(Agreed(line.Kind, "renommé"), was.Title, line.Title);
                if (was.Priority is { } from && line.Priority is { } to && from != to)
                    yield return new FieldChange("Action déplacée", $"{line.Title} — axe « {PriorityTitle(old, from)} »", $"{line.Title} — axe « {PriorityTitle(now, to)} »");
            }
        }
        foreach (var line in before.Where(l => !now.ContainsKey(l.Reference)))
            yield return new FieldChange(Agreed(line.Kind, "retiré"), line.Title, "—");
    }

    private static string PriorityTitle(Dictionary<string, ContractPlanLine> plan, string reference) =>
        plan.TryGetValue(reference, out var p) ? p.Title : reference;
}
