namespace Vigie.Web.Features.Contracts;

[Infrastructure.ContractRequirement(ContractRole.Reader)]
public sealed class HistoryModel(ContractQueries queries, AppDbContext db) : PageModel
{
    public sealed record Entry(ContractVersion Version, ContractSnapshot Snapshot, IReadOnlyList<FieldChange> Changes, string? Author, Amendment? Amendment);

    public ContractDetail Contract { get; private set; } = null!;
    public IReadOnlyList<Entry> Entries { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await queries.DetailAsync(id) is not { } contract || await queries.VersionsAsync(id) is not { } versions) return NotFound();
        Contract = contract;
        var authorIds = versions.Where(v => v.RecordedById != null).Select(v => v.RecordedById!.Value).Distinct().ToList();
        var authors = await db.Users.AsNoTracking().Where(u => authorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.FullName);
        var amendments = await db.Amendments.AsNoTracking().Where(a => a.ContractId == id).ToDictionaryAsync(a => a.Id);
        var entries = new List<Entry>();
        ContractSnapshot? previous = null;
        foreach (var v in versions)
        {
            var snapshot = ContractHistory.Read(v);
            entries.Add(new Entry(v, snapshot, ContractHistory.Diff(previous, snapshot),
                v.RecordedById is { } a && authors.TryGetValue(a, out var name) ? name : null,
                v.AmendmentId is { } am && amendments.TryGetValue(am, out var amendment) ? amendment : null));
            previous = snapshot;
        }
        entries.Reverse();
        Entries = entries;
        ViewData["Title"] = "Historique du contrat";
        return Page();
    }
}
