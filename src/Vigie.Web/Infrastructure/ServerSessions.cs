using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Server-side browser sessions: the authentication cookie carries only a random session id, the ticket lives in
/// the <c>AuthSessions</c> table (protected with the data-protection key ring). Signing out deletes the row, so a
/// cookie copied before sign-out is refused afterwards, on every instance sharing the database.
/// </summary>
public sealed class DbTicketStore(IServiceProvider services, IDataProtectionProvider protection, TimeProvider clock) : ITicketStore
{
    private readonly IDataProtector _protector = protection.CreateProtector("Vigie.AuthSessions.v1");

    public async Task<string> StoreAsync(AuthenticationTicket ticket)
    {
        var id = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        // Housekeeping on the way: sessions that expired on their own.
        await db.AuthSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync();
        db.AuthSessions.Add(new AuthSession
        {
            Id = id,
            UserId = ticket.Principal.UserId(),
            Ticket = _protector.Protect(TicketSerializer.Default.Serialize(ticket)),
            CreatedAt = now,
            ExpiresAt = ticket.Properties.ExpiresUtc,
        });
        await db.SaveChangesAsync();
        return id;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var bytes = _protector.Protect(TicketSerializer.Default.Serialize(ticket));
        var expires = ticket.Properties.ExpiresUtc;
        // Only an existing session is renewed: a session ended meanwhile stays ended.
        await db.AuthSessions.Where(s => s.Id == key)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.Ticket, bytes).SetProperty(x => x.ExpiresAt, expires));
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var row = await db.AuthSessions.AsNoTracking().Where(s => s.Id == key)
            .Select(s => new { s.Ticket, s.ExpiresAt }).FirstOrDefaultAsync();
        if (row is null || row.ExpiresAt is { } e && e <= now) return null;
        AuthenticationTicket? ticket;
        try { ticket = TicketSerializer.Default.Deserialize(_protector.Unprotect(row.Ticket)); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
        // The audit names the session by a digest of its id, never by the id itself (the id is the cookie's secret).
        if (ticket?.Principal.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == VigieClaims.SessionId))
            identity.AddClaim(new System.Security.Claims.Claim(VigieClaims.SessionId, AuditSessionId(key)));
        return ticket;
    }

    public async Task RemoveAsync(string key)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        await db.AuthSessions.Where(s => s.Id == key).ExecuteDeleteAsync();
    }

    /// <summary>A stable, non-secret name for a session in the audit log: the first 16 hex digits of SHA-256(id).</summary>
    public static string AuditSessionId(string key) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(key)))[..16];

    /// <summary>
    /// Keeps the session's audit digest on the principal the security-stamp validator rebuilds every few minutes
    /// (<c>SecurityStampValidatorOptions.OnRefreshingPrincipal</c>): without it, the requests that refresh the principal
    /// would carry no session id (audit, the follow-up module's idle timeout).
    /// </summary>
    public static Task KeepSessionClaim(Microsoft.AspNetCore.Identity.SecurityStampRefreshingPrincipalContext context)
    {
        if (context.CurrentPrincipal?.FindFirst(VigieClaims.SessionId) is { } claim
            && context.NewPrincipal?.Identity is System.Security.Claims.ClaimsIdentity identity && !identity.HasClaim(c => c.Type == VigieClaims.SessionId))
            identity.AddClaim(new System.Security.Claims.Claim(VigieClaims.SessionId, claim.Value));
        return Task.CompletedTask;
    }

    /// <summary>Ends every browser session of a user (password reset, account disabled).</summary>
    public static Task<int> EndAllAsync(AppDbContext db, Guid userId) =>
        db.AuthSessions.Where(s => s.UserId == userId).ExecuteDeleteAsync();
}
