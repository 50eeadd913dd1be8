using System.Security.Cryptography;
using Microsoft.AspNetCore.WebUtilities;

namespace Vigie.Web.Features.Governance;

/// <summary>
/// Per-user iCalendar subscription. Calendar applications cannot sign in, so the feed address holds
/// a secret (only its SHA-256 hash is stored, as for API tokens); the owner can revoke it at any time.
/// The feed holds only what its owner may see now: meetings of the contracts they are a member of,
/// and the agenda only of meetings whose content is visible to them.
/// </summary>
public sealed class CalendarFeedService(AppDbContext db, GovernanceAccess governance, Auditor auditor, TimeProvider clock, ICurrentUser user, LinkGenerator paths,
    Microsoft.Extensions.Options.IOptions<MailOptions> mailOptions)
{
    /// <summary>Name of the feed endpoint (<see cref="GovernanceApi.MapFeed"/>): links to a feed are generated from its route.</summary>
    public const string FeedEndpoint = "CalendarFeed";

    public static string NewSecret() => "vcal_" + WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public sealed record FeedView(Guid Id, string Prefix, DateTimeOffset CreatedAt, DateTimeOffset? LastUsedAt);

    public async Task<IReadOnlyList<FeedView>> MineAsync()
    {
        var uid = user.Id ?? Guid.Empty;
        return await db.CalendarFeeds.AsNoTracking().Where(f => f.UserId == uid && f.RevokedAt == null).OrderBy(f => f.CreatedAt)
            .Select(f => new FeedView(f.Id, f.Prefix, f.CreatedAt, f.LastUsedAt)).ToListAsync();
    }

    /// <summary>Creates a feed and returns its secret, shown once.</summary>
    public async Task<string> CreateAsync()
    {
        var uid = user.Id ?? throw new InvalidOperationException("Signed-in user required.");
        var secret = NewSecret();
        var feed = new CalendarFeed { UserId = uid, TokenHash = AccessTokenAuthentication.Hash(secret), Prefix = secret[..10], CreatedAt = clock.GetUtcNow() };
        db.CalendarFeeds.Add(feed);
        auditor.Record(AuditKinds.CalendarFeedCreated, nameof(CalendarFeed), feed.Id);
        await db.SaveChangesAsync();
        return secret;
    }

    public async Task<bool> RevokeAsync(Guid feedId)
    {
        var uid = user.Id ?? Guid.Empty;
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.Id == feedId && f.UserId == uid && f.RevokedAt == null);
        if (feed is null) return false;
        feed.RevokedAt = clock.GetUtcNow();
        auditor.Record(AuditKinds.CalendarFeedRevoked, nameof(CalendarFeed), feed.Id);
        await db.SaveChangesAsync();
        return true;
    }

    /// <summary>The feed's iCalendar text, or null for an unknown or revoked secret.</summary>
    public async Task<string?> FeedAsync(string secret, string baseUrl)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length > 100) return null;
        var hash = AccessTokenAuthentication.Hash(secret);
        var feed = await db.CalendarFeeds.FirstOrDefaultAsync(f => f.TokenHash == hash && f.RevokedAt == null);
        if (feed is null) return null;
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == feed.UserId && !u.IsDisabled).Select(u => new { u.Id, u.OrganisationId }).FirstOrDefaultAsync();
        if (owner is null) return null;
        // Mandatory 2FA covers feeds: an owner who must enable it and has not gets nothing.
        if (await TwoFactorEnforcement.IsMissingAsync(db, owner.Id, default)) return null;
        var now = clock.GetUtcNow();
        feed.LastUsedAt = now;
        auditor.Record(AuditKinds.CalendarFeedPulled, "CalendarFeed", feed.Id, userId: owner.Id, via: AuditVia.Feed, credentialId: feed.Id.ToString());
        await db.SaveChangesAsync();

        var memberships = await db.Memberships.AsNoTracking().Where(m => m.UserId == owner.Id).Select(m => new { m.ContractId, m.Role }).ToListAsync();
        var events = new List<CalendarEvent>();
        // RFC 5546 §3.2.1: a METHOD:PUBLISH event carries an ORGANIZER — the platform's sender address.
        var organizer = new CalendarPerson(mailOptions.Value.FromName, mailOptions.Value.From);
        foreach (var m in memberships)
        {
            var viewer = new Infrastructure.ContractViewer(m.ContractId, m.Role, owner.Id, owner.OrganisationId, m.Role == ContractRole.Coordinator);
            var meetings = await db.Meetings.AsNoTracking().Include(x => x.Body)
                .Where(x => x.ContractId == m.ContractId && x.StartsAt >= now.AddDays(-92) && x.StartsAt < now.AddDays(400)).ToListAsync();
            var visible = (await governance.WithVisibleContent(db.Meetings.AsNoTracking(), viewer).Where(x => x.StartsAt >= now.AddDays(-92)).Select(x => x.Id).ToListAsync()).ToHashSet();
            foreach (var meeting in meetings)
            {
                IReadOnlyList<AgendaItemView>? agenda = null;
                // Egress: a feed is copied into third-party calendars, so a restricted agenda is never in it, only the link.
                if (visible.Contains(meeting.Id) && Shared.Egress.MayInlineInMail(meeting.Visibility))
                    agenda = await db.AgendaItems.AsNoTracking().Where(a => a.MeetingId == meeting.Id).OrderBy(a => a.Position)
                        .Select(a => new AgendaItemView(a.Id, a.Position, a.Title, a.DurationMinutes, a.Presenter, null, null, null, new List<OutcomeView>())).ToListAsync();
                events.Add(ConvocationSender.Event(meeting, agenda, baseUrl + paths.GetPathByPage("/Governance/Meeting", values: new { id = m.ContractId, meetingId = meeting.Id }), organizer));
            }
        }
        return ICalendar.Write(events.OrderBy(e => e.Start), now, "PUBLISH", "Vigie — mes réunions");
    }
}
