using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Governance;

/// <summary>One body: its settings, its dated seats (partner, contact and/or account) and its meetings.</summary>
[ContractRequirement(Domain.ContractRole.Reader)]
public sealed class BodyModel(ContractAccess access, GovernanceAccess governance, GovernanceQueries queries, GovernanceCommands commands, AppDbContext db,
    Partners.PartnerPicker picker)
    : GovernancePageModel(access, governance)
{
    public BodyDetail Detail { get; private set; } = null!;
    public IReadOnlyList<MeetingSummary> Meetings { get; private set; } = [];
    public BodyInput Body { get; set; } = new();
    public MembershipInput Seat { get; set; } = new();
    public IEnumerable<SelectListItem> Organisations { get; private set; } = [];
    public IEnumerable<SelectListItem> Contacts { get; private set; } = [];
    public IEnumerable<SelectListItem> Users { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(Guid id, Guid bodyId)
    {
        if (!await LoadAsync(id, bodyId)) return NotFound();
        Body = new BodyInput
        {
            Name = Detail.Name, Kind = Detail.Kind, Chair = Detail.Chair, Description = Detail.Description, Site = Detail.Site, Offence = Detail.Offence,
            ActiveFrom = Detail.ActiveFrom, ActiveTo = Detail.ActiveTo, DefaultVisibility = Detail.DefaultVisibility, Version = Detail.Version,
        };
        Seat = new MembershipInput { From = Governance.Today };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid bodyId, [Bind(Prefix = "Body")] BodyInput body)
    {
        if (!await LoadAsync(id, bodyId)) return NotFound();
        Body = body;
        Seat = new MembershipInput { From = Governance.Today };
        if (!IsCoordinator) return Forbid();
        if (!ModelState.IsValid) return Page();
        var result = await commands.SaveBodyAsync(id, bodyId, body);
        if (result.Succeeded)
        {
            TempData["Flash"] = "L'instance a été mise à jour.";
            return RedirectToPage("/Governance/Body", new { id, bodyId });
        }
        return Failure(result, "Body") ?? Page();
    }

    public async Task<IActionResult> OnPostSeatAsync(Guid id, Guid bodyId, [Bind(Prefix = "Seat")] MembershipInput seat)
    {
        if (!await LoadAsync(id, bodyId)) return NotFound();
        Seat = seat;
        Body = new BodyInput { Name = Detail.Name, Kind = Detail.Kind, Chair = Detail.Chair, Description = Detail.Description, DefaultVisibility = Detail.DefaultVisibility, Version = Detail.Version };
        if (!IsCoordinator) return Forbid();
        if (!ModelState.IsValid) return Page();
        var result = await commands.AddMembershipAsync(id, bodyId, seat);
        if (result.Succeeded)
        {
            TempData["Flash"] = "Le membre a été ajouté à l'instance.";
            return RedirectToPage("/Governance/Body", new { id, bodyId });
        }
        return Failure(result, "Seat") ?? Page();
    }

    public async Task<IActionResult> OnPostEndSeatAsync(Guid id, Guid bodyId, Guid seatId)
    {
        var result = await commands.EndMembershipAsync(id, seatId, null);
        if (result.NotFound) return NotFound();
        if (result.Forbidden) return Forbid();
        if (result.Succeeded) TempData["Flash"] = "Le mandat a pris fin aujourd'hui ; il reste dans l'historique.";
        else TempData["FlashError"] = string.Join(" ", result.Errors.Values.SelectMany(m => m));
        return RedirectToPage("/Governance/Body", new { id, bodyId });
    }

    private async Task<bool> LoadAsync(Guid id, Guid bodyId)
    {
        if (!await LoadContractAsync(id) || await queries.BodyAsync(id, bodyId) is not { } detail) return false;
        Detail = detail;
        Meetings = await queries.MeetingsAsync(id, bodyId: bodyId) ?? [];
        if (IsCoordinator)
        {
            // The contract's partners first, the directory on demand (issue 11 B); contacts of those organisations only.
            var organisations = await picker.OptionsAsync(Request, id);
            Organisations = organisations;
            var listed = organisations.Select(o => Guid.Parse(o.Value)).ToList();
            Contacts = await db.Contacts.AsNoTracking().Where(c => !c.Organisation!.IsArchived && listed.Contains(c.OrganisationId)).OrderBy(c => c.FullName)
                .Select(c => new SelectListItem(c.FullName + " (" + c.Organisation!.Name + ")", c.Id.ToString())).ToListAsync();
            Users = await db.Memberships.AsNoTracking().Where(m => m.ContractId == id).OrderBy(m => m.User!.FullName)
                .Select(m => new SelectListItem(m.User!.FullName + " (" + m.User.Organisation!.Name + ")", m.UserId.ToString())).ToListAsync();
        }
        ViewData["Title"] = detail.Name;
        ViewData["Breadcrumb"] = Crumbs(new Shared.Crumb("Instances", Url.Page("/Governance/Bodies", new { id })), new Shared.Crumb(detail.Name));
        return true;
    }
}
