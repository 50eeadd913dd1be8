namespace Vigie.Web.Features.Home;

public sealed class IndexModel(ContractAccess access) : PageModel
{
    public sealed record Row(Guid Id, string Title, ContractStatus Status, DateOnly StartDate, DateOnly EndDate);
    public IReadOnlyList<Row> Contracts { get; private set; } = [];

    public async Task OnGetAsync()
    {
        ViewData["Title"] = "Tableau de bord";
        Contracts = await access.Contracts.AsNoTracking().OrderByDescending(c => c.StartDate)
            .Select(c => new Row(c.Id, c.Title, c.Status, c.StartDate, c.EndDate)).Take(20).ToListAsync();
    }
}
