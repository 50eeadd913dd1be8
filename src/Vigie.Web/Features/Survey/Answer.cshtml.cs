using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.RateLimiting;

namespace Vigie.Web.Features.Survey;

/// <summary>
/// The public, anonymous answer page of a wave collected online (<c>/enquete/{code}</c>): DSFR form, one fieldset per
/// question, keyboard only; antiforgery; one response per device (cookie), answers rate-limited per address.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(SurveyOnline.RateLimit)]
public sealed class AnswerModel(SurveyOnline online) : PageModel
{
    public SurveyOnline.SurveyOpenWave Open { get; private set; } = null!;
    public bool AlreadyAnswered { get; private set; }
    public bool Thanks { get; private set; }
    /// <summary>Values typed, to refill the form after an error.</summary>
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string code, bool merci)
    {
        if (await online.FindAsync(code) is not { } open) return NotFound();
        Open = open;
        Thanks = merci;
        AlreadyAnswered = await online.AnsweredAsync(open.Wave.Id, Request.Cookies[SurveyOnline.DeviceCookie]);
        ViewData["Title"] = open.Wave.Survey!.Title;
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string code)
    {
        if (await online.FindAsync(code) is not { } open) return NotFound();
        Open = open;
        ViewData["Title"] = open.Wave.Survey!.Title;
        var device = Request.Cookies[SurveyOnline.DeviceCookie];
        if (string.IsNullOrEmpty(device) || device.Length > 64)
        {
            device = SurveyOnline.NewDevice();
            Response.Cookies.Append(SurveyOnline.DeviceCookie, device, new CookieOptions
            {
                HttpOnly = true, IsEssential = true, SameSite = SameSiteMode.Lax, Secure = Request.IsHttps, MaxAge = TimeSpan.FromDays(400),
            });
        }
        var (recorded, errors) = await online.SubmitAsync(open, device, k => Request.Form.TryGetValue(k, out var v) ? v.ToString() : null);
        if (recorded) return RedirectToPage("/Survey/Answer", new { code, merci = true });
        if (errors.Count == 0)
        {
            AlreadyAnswered = true;
            return Page();
        }
        foreach (var e in errors) ModelState.AddModelError(e.Column, SurveyOnline.Describe(open.Questionnaire, e));
        Values = Request.Form.ToDictionary(f => f.Key, f => f.Value.ToString());
        return Page();
    }

    public string? Value(string code) => Values.TryGetValue(code, out var v) ? v : null;
}
