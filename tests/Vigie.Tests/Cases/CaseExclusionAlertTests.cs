using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13, rule A7: excluding (or suspending) a member revokes their access at once — their session opened before
/// is refused on its next request, audited — and alerts the coordinator by mail with ids only, never a name.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseExclusionAlertTests(VigieFactory factory)
{
    [Fact]
    public async Task ExcludingAMember_RefusesTheirOpenSession_AndAlertsTheCoordinator_WithoutAName()
    {
        await using var s = await CreateAsync(factory);
        var coordinator = s.Role(Coordinator);
        var member = await factory.UserAsync();
        await factory.WithDb(db =>
        {
            db.Memberships.Add(new Vigie.Web.Domain.ContractMembership { ContractId = s.ContractId, UserId = member.Id, Role = Vigie.Web.Domain.ContractRole.PartnerMember });
            return db.SaveChangesAsync();
        });
        var row = await coordinator.Api.CreateAsync($"{s.GroupApi}/members", new { userId = member.Id, institution = "ccas" });
        var session = await PageClient.SignedInAsync(factory, member);
        var memberApi = await factory.ApiClientAsync(member);
        await Ok(memberApi.PostAsJsonAsync($"{s.GroupApi}/charter/signature", new { acceptedClauses = AllClauses }));
        var sheetPage = $"/contrats/{s.ContractId}/suivis/{s.GroupA}/fiches/{s.SheetOnAgenda}";
        Assert.Equal(HttpStatusCode.OK, (await session.Http.GetAsync(sheetPage)).StatusCode);

        await Ok(coordinator.Api.PostAsJsonAsync($"{s.GroupApi}/members/{row}/status", new { status = "excluded" }));

        // The open session, the next request: refused, audited; the API token too.
        var refused = await session.Http.GetAsync(sheetPage);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains("Vous avez été exclu de ce dispositif", PageClient.Parse(await refused.Content.ReadAsStringAsync()).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await memberApi.GetAsync($"{s.GroupApi}/sheets/{s.SheetOnAgenda}")).StatusCode);
        Assert.True(await factory.WithDb(db => db.AuditEvents.AnyAsync(e => e.Kind == AuditKinds.CasePermissionDenied && e.UserId == member.Id && e.Data!.Contains("excluded"))));

        // The alert: to the coordinator, naming the member row and the group, never the person; a link to the group.
        var alert = Assert.Single(factory.MailsTo(coordinator.User!.Email), m => m.Body.Contains(row.ToString(), StringComparison.Ordinal));
        Assert.Contains("exclu", alert.Subject, StringComparison.Ordinal);
        Assert.Contains("règle A7", alert.Body, StringComparison.Ordinal);
        var name = await factory.WithDb(db => db.Users.Where(u => u.Id == member.Id).Select(u => u.FullName).SingleAsync());
        Assert.DoesNotContain(name, alert.Subject + alert.Body, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(member.Email, alert.Body, StringComparison.OrdinalIgnoreCase);
        Assert.Contains($"/contrats/{s.ContractId}/suivis/{s.GroupA}", alert.Link($"/contrats/{s.ContractId}/suivis/{s.GroupA}"), StringComparison.Ordinal);

        // The scenario's suspension alerted too.
        Assert.Contains(factory.MailsTo(coordinator.User!.Email), m => m.Subject.Contains("suspendu", StringComparison.Ordinal) && m.Subject.Contains("Cellule A", StringComparison.Ordinal));
    }
}
