namespace Vigie.Web.Features.VideoProtection;

/// <summary>Load → authorize for the video-protection pages (<see cref="ContractPageModel"/>), their breadcrumbs and their one-form posts.</summary>
public abstract class VideoPageModel(ContractAccess access) : ContractPageModel(access)
{
    protected List<Crumb> VideoCrumbs(string? page = null) => page is null
        ? ContractCrumbs(new Crumb("Vidéoprotection"))
        : ContractCrumbs(new Crumb("Vidéoprotection", Url.Page("/VideoProtection/Index", new { id = ContractId })), new Crumb(page));

    /// <summary>
    /// Binds one form (only its own prefix), runs its command and redirects to <paramref name="page"/> with a flash, or
    /// shows the page again with the errors under the form's fields. A command that finds no target (an entry chosen in
    /// a list that is gone) puts <paramref name="missing"/> under <paramref name="targetField"/> instead of a 404.
    /// </summary>
    protected async Task<IActionResult> PostFormAsync<T>(Func<Task<bool>> load, T form, string prefix, Func<T, Task<CommandResult<Guid>>> run, string done, string page,
        Action<T>? prepare = null, string? targetField = null, string? missing = null) where T : class
    {
        if (!await load()) return NotFound();
        var bound = await TryUpdateModelAsync(form, prefix);
        prepare?.Invoke(form);
        if (bound && ModelState.IsValid)
        {
            var result = await run(form);
            if (result.NotFound && targetField is not null)
            {
                ModelState.AddModelError(targetField, missing ?? "Choisissez une entrée de la liste.");
                return Page();
            }
            if (result.NotFound) return NotFound();
            if (result.Forbidden) return Forbid();
            if (result.Succeeded)
            {
                TempData["Flash"] = done;
                return RedirectToPage(page, new { id = ContractId });
            }
            result.CopyTo(ModelState, prefix);
        }
        return Page();
    }
}
