using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Cases;

public enum CaseSessionVerdict { Allowed, TwoFactorMissing, Idle }

/// <summary>
/// Rule A9 (shared/specs §1.4) at the door of every group of the follow-up module (pages and API routes with a
/// <c>groupId</c>, and those marked <see cref="CaseSessionRequiredAttribute"/>): the user must have two-factor authentication enabled (<c>Cases:RequireTwoFactor</c>), and a browser
/// session that made no request to the follow-up area for <c>Cases:IdleMinutes</c> (15) must sign in again. The last
/// request is kept on the server per session (<see cref="CaseSessionActivity"/>, keyed by the session's audit digest),
/// not in a cookie: the idle session is ended (its server-side ticket deleted), so a copied cookie is refused too.
/// Personal access tokens are not browser sessions: only the 2FA rule applies to them. Each refusal is audited
/// (<see cref="AuditKinds.CasePermissionDenied"/>, reason <c>mfa-required</c> or <c>idle-timeout</c>).
/// </summary>
/// <summary>Puts a follow-up route without a <c>groupId</c> behind <see cref="CaseSessionGuard"/> (the module's audit log, read by the DPO).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class CaseSessionRequiredAttribute : Attribute;

public sealed class CaseSessionGuard(AppDbContext db, IOptionsSnapshot<CasesOptions> options, TimeProvider clock, CaseAudit audit)
{
    public const string TwoFactorMessage = "L'accès aux situations individuelles exige la double authentification (charte déontologique, règle A9) : "
        + "activez-la sur cette page, puis revenez au suivi individuel.";
    public const string IdleMessage = "Pour protéger les situations individuelles, votre session a été fermée après {0} minutes sans activité dans le suivi individuel : reconnectez-vous.";

    public string IdleText => string.Format(Culture.French, IdleMessage, options.Value.IdleMinutes);

    /// <summary>Checks the request and, when allowed, records it as the session's last activity.</summary>
    public async Task<CaseSessionVerdict> CheckAsync(HttpContext http)
    {
        var user = http.User;
        if (user.Identity?.IsAuthenticated != true || user.UserId() is not { } uid
            || !(http.Request.RouteValues.ContainsKey("groupId") || http.GetEndpoint()?.Metadata.GetMetadata<CaseSessionRequiredAttribute>() is not null))
            return CaseSessionVerdict.Allowed;
        var o = options.Value;
        if (o.RequireTwoFactor
            && user.FindFirst(ProConnectClaims.StrongLogin) is null // two factors proven at ProConnect (acr/amr), ADR 0018
            && !await db.Users.AsNoTracking().Where(u => u.Id == uid).Select(u => u.TwoFactorEnabled).FirstOrDefaultAsync())
        {
            await DeniedAsync(http, "mfa-required");
            return CaseSessionVerdict.TwoFactorMissing;
        }
        if (user.FindFirst(VigieClaims.SessionId)?.Value is not { } session) return CaseSessionVerdict.Allowed;

        var now = clock.GetUtcNow();
        var last = await db.CaseSessionActivities.Where(a => a.SessionId == session).Select(a => (DateTimeOffset?)a.LastSeenAt).FirstOrDefaultAsync();
        if (last is { } seen && now - seen > TimeSpan.FromMinutes(o.IdleMinutes))
        {
            await db.CaseSessionActivities.Where(a => a.SessionId == session).ExecuteDeleteAsync();
            await DeniedAsync(http, "idle-timeout");
            // Ends the whole browser session (server-side ticket deleted): the next request signs in again.
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
            return CaseSessionVerdict.Idle;
        }
        if (last is not null)
        {
            await db.CaseSessionActivities.Where(a => a.SessionId == session).ExecuteUpdateAsync(x => x.SetProperty(a => a.LastSeenAt, now));
            return CaseSessionVerdict.Allowed;
        }
        // Housekeeping on the way: activity rows of sessions idle for a day are of no use.
        var stale = now.AddDays(-1);
        await db.CaseSessionActivities.Where(a => a.LastSeenAt < stale).ExecuteDeleteAsync();
        db.CaseSessionActivities.Add(new CaseSessionActivity { SessionId = session, UserId = uid, LastSeenAt = now });
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateException)
        {
            // Two first requests of one session at once: the other one inserted the row.
            db.ChangeTracker.Clear();
        }
        return CaseSessionVerdict.Allowed;
    }

    private Task DeniedAsync(HttpContext http, string reason)
    {
        var values = http.Request.RouteValues;
        Guid? Id(string key) => Guid.TryParse(values[key]?.ToString(), out var g) ? g : null;
        return Id("id") is { } contractId && Id("groupId") is { } groupId ? audit.DeniedAsync(contractId, groupId, Id("sheetId"), reason) : Task.CompletedTask;
    }

    /// <summary>The pages of Features/Cases: 2FA missing → the 2FA set-up page with the reason; idle → the sign-in page, back here after.</summary>
    public sealed class PageFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            var http = context.HttpContext;
            var guard = http.RequestServices.GetRequiredService<CaseSessionGuard>();
            var verdict = await guard.CheckAsync(http);
            if (verdict == CaseSessionVerdict.Allowed)
            {
                await next();
                return;
            }
            var links = http.RequestServices.GetRequiredService<LinkGenerator>();
            var tempData = http.RequestServices.GetRequiredService<Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionaryFactory>().GetTempData(http);
            tempData["FlashError"] = verdict == CaseSessionVerdict.TwoFactorMissing ? TwoFactorMessage : guard.IdleText;
            var returnUrl = http.Request.Path + http.Request.QueryString;
            context.Result = new RedirectResult(verdict == CaseSessionVerdict.TwoFactorMissing
                ? links.GetPathByPage(http, "/Account/TwoFactor")!
                : links.GetPathByPage(http, "/Account/Login", values: new { ReturnUrl = returnUrl })!);
        }
    }

    /// <summary>The API group: 403 (2FA missing) or 401 (idle session), as problem details.</summary>
    public static async ValueTask<object?> EndpointFilterAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var guard = context.HttpContext.RequestServices.GetRequiredService<CaseSessionGuard>();
        return await guard.CheckAsync(context.HttpContext) switch
        {
            CaseSessionVerdict.TwoFactorMissing => ApiErrors.Forbidden(TwoFactorMessage.Replace("sur cette page", "sur la page « Double authentification » de votre compte", StringComparison.Ordinal)),
            CaseSessionVerdict.Idle => TypedResults.Problem(guard.IdleText, statusCode: StatusCodes.Status401Unauthorized),
            _ => await next(context),
        };
    }
}
