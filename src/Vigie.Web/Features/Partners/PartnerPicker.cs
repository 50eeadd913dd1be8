using Microsoft.AspNetCore.Mvc.Rendering;
using Vigie.Web.Features.Admin;

namespace Vigie.Web.Features.Partners;

/// <summary>
/// What a partner list of a contract's form offers (issue 11 B): the contract's own partners first, and organisations of
/// the shared directory only on demand, matching what was searched (<c>annuaire</c> query value, a plain GET form, so it
/// works without JavaScript). Never the platform's own organisation, never the demonstration's fictitious organisations
/// outside the demonstration contract. The choice a form already holds stays listed. What a form accepts is unchanged:
/// the commands check the organisation exists; this only decides what is proposed.
/// </summary>
public sealed class PartnerPicker(AppDbContext db)
{
    public const string SearchParameter = "annuaire";
    /// <summary>Query value Partners/Create adds to the address it returns to: the organisation just added.</summary>
    public const string AddedParameter = "organisation";
    public const int MaxResults = 20;
    public const string ContractGroupName = "Partenaires du contrat";

    /// <summary>The organisations taking part in the contract: signatories, seats, attendance, tasks, plan, commitments, members' organisations.</summary>
    public IQueryable<Guid> ContractPartnerIds(Guid contractId) =>
        db.Signatories.Where(s => s.ContractId == contractId).Select(s => s.OrganisationId)
            .Union(db.BodyMemberships.Where(s => s.ContractId == contractId && s.OrganisationId != null).Select(s => s.OrganisationId!.Value))
            .Union(db.Attendances.Where(s => s.ContractId == contractId).Select(s => s.OrganisationId))
            .Union(db.FollowUpTasks.Where(s => s.ContractId == contractId && s.OwnerOrganisationId != null).Select(s => s.OwnerOrganisationId!.Value))
            .Union(db.PlanItems.Where(s => s.ContractId == contractId && s.LeadOrganisationId != null).Select(s => s.LeadOrganisationId!.Value))
            .Union(db.PlanItemPartners.Where(s => s.ContractId == contractId).Select(s => s.OrganisationId))
            .Union(db.Commitments.Where(s => s.ContractId == contractId).Select(s => s.OrganisationId))
            .Union(db.Milestones.Where(s => s.ContractId == contractId && s.OwnerOrganisationId != null).Select(s => s.OwnerOrganisationId!.Value))
            .Union(db.BudgetLines.Where(s => s.ContractId == contractId && s.OrganisationId != null).Select(s => s.OrganisationId!.Value))
            .Union(db.Memberships.Where(m => m.ContractId == contractId).Select(m => m.User!.OrganisationId));

    /// <summary>
    /// The options for a page's request: its <c>annuaire</c> search, and the organisation just added to the directory from
    /// it (<c>organisation</c>, Partners/Create's return) kept listed with <paramref name="keep"/>.
    /// </summary>
    public Task<List<SelectListItem>> OptionsAsync(HttpRequest request, Guid contractId, params Guid?[] keep) =>
        OptionsAsync(contractId, request.Query[SearchParameter].FirstOrDefault(),
            [.. keep, Guid.TryParse(request.Query[AddedParameter].FirstOrDefault(), out var added) ? added : null], request.HttpContext.RequestAborted);

    /// <summary>The search box of a page: what was searched, and "add to the directory" coming back to this very address.</summary>
    public static PartnerSearchBox SearchBox(HttpRequest request, bool canAdd = true) =>
        new(request.Query[SearchParameter].FirstOrDefault(), request.Path + request.QueryString, canAdd);

    /// <summary>
    /// The options: "Partenaires du contrat", then, when <paramref name="search"/> is given, up to <see cref="MaxResults"/>
    /// other organisations of the directory matching it (name or SIREN). <paramref name="keep"/>: ids already chosen.
    /// </summary>
    public async Task<List<SelectListItem>> OptionsAsync(Guid contractId, string? search, IEnumerable<Guid?>? keep = null, CancellationToken ct = default)
    {
        var kept = (keep ?? []).Where(k => k is not null).Select(k => k!.Value).ToList();
        var partnerIds = ContractPartnerIds(contractId);
        var own = await db.Organisations.AsNoTracking()
            .Where(o => o.Name != Bootstrap.PlatformOrganisationName && ((!o.IsArchived && partnerIds.Contains(o.Id)) || kept.Contains(o.Id)))
            .OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var group = new SelectListGroup { Name = ContractGroupName };
        var options = own.Select(o => new SelectListItem(o.Name, o.Id.ToString()) { Group = group }).ToList();
        if (string.IsNullOrWhiteSpace(search)) return options;

        var ownIds = own.Select(o => o.Id).ToList();
        var isDemo = await db.Contracts.AnyAsync(c => c.Id == contractId && c.Territories.Any(t => t.Territory!.IsFictitious), ct);
        var query = PartnerQueries.Filter(db.Organisations.AsNoTracking(), null, search, includeArchived: false)
            .Where(o => !ownIds.Contains(o.Id) && o.Name != Bootstrap.PlatformOrganisationName);
        if (!isDemo) query = query.Where(o => !o.Name.Contains(DemoSeed.Label));
        var found = await query.OrderBy(o => o.Name).Take(MaxResults).Select(o => new { o.Id, o.Name }).ToListAsync(ct);
        var directory = new SelectListGroup { Name = $"Annuaire : {found.Count} résultat(s) pour « {search.Trim()} »" };
        options.AddRange(found.Select(o => new SelectListItem(o.Name, o.Id.ToString()) { Group = directory }));
        return options;
    }
}

/// <summary>Model of <c>_PartnerSearch.cshtml</c>: what was searched, where "add to the directory" comes back, whether it is offered.</summary>
public sealed record PartnerSearchBox(string? Search, string ReturnUrl, bool CanAdd);
