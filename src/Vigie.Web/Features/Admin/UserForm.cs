using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Admin;

/// <summary>What the create and edit user pages share: the organisation list and the platform-role rules.</summary>
public static class UserForm
{
    public static async Task<List<SelectListItem>> OrganisationItemsAsync(AppDbContext db, Guid? selected) =>
        (await db.Organisations.AsNoTracking().OrderBy(o => o.Name).Select(o => new { o.Id, o.Name }).ToListAsync())
        .Select(o => new SelectListItem(o.Name, o.Id.ToString(), o.Id == selected))
        .ToList();

    public static async Task ValidateAsync(AppDbContext db, ModelStateDictionary modelState, Guid? organisationId, IEnumerable<string> roles)
    {
        if (organisationId is { } orgId && !await db.Organisations.AnyAsync(o => o.Id == orgId))
            modelState.AddModelError("Input.OrganisationId", "L'organisation choisie n'existe pas.");
        if (roles.Any(r => !Roles.Platform.Contains(r)))
            modelState.AddModelError("Input.Roles", "Rôle inconnu : choisissez parmi les rôles proposés.");
    }
}
