using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.ActionPlan;

/// <summary>"What my organisation committed to": every commitment of one organisation across the plan.</summary>
[ContractRequirement(Domain.ContractRole.Reader)]
public sealed class CommitmentsModel(PlanQueries queries, ICurrentUser user, AppDbContext db) : PageModel
{
    public PlanView Plan { get; private set; } = null!;
    public Guid? OrganisationId { get; private set; }
    public string OrganisationName { get; private set; } = "";
    public IReadOnlyList<PlanQueries.OrganisationCommitment> Items { get; private set; } = [];
    public Progress Progress { get; private set; } = Progress.None;
    public IEnumerable<SelectListItem> Organisations { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? organisation)
    {
        if (await queries.PlanAsync(id) is not { } plan) return NotFound();
        Plan = plan;
        OrganisationId = organisation ?? user.OrganisationId;
        var partners = await queries.PartnerProgressAsync(id);
        Organisations = partners.Select(p => new SelectListItem(p.Name, p.OrganisationId.ToString(), p.OrganisationId == OrganisationId));
        if (OrganisationId is { } org)
        {
            OrganisationName = await db.Organisations.Where(o => o.Id == org).Select(o => o.Name).FirstOrDefaultAsync() ?? "";
            Items = await queries.CommitmentsOfAsync(id, org) ?? [];
            Progress = partners.FirstOrDefault(p => p.OrganisationId == org)?.Progress ?? Progress.None;
        }
        ViewData["Title"] = "Engagements de " + (OrganisationName.Length > 0 ? OrganisationName : "mon organisation");
        return Page();
    }
}
