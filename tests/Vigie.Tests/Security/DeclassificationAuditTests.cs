using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Governance;
using Vigie.Tests.Incidents;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>
/// ADR 0006: lowering who may see a content is a declassification and is audited as <see cref="AuditKinds.ContentDeclassified"/>
/// (raising it back as <see cref="AuditKinds.ContentReclassified"/>) — also for an incident category turned from "partners only"
/// to public (its reports go to the public map and Open311) and for minutes whose visibility is lowered when they are saved.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DeclassificationAuditTests(VigieFactory factory)
{
    private Task<string[]> KindsAsync(Guid entity) => factory.WithDb(db => db.AuditEvents
        .Where(e => e.EntityId == entity.ToString() && (e.Kind == AuditKinds.ContentDeclassified || e.Kind == AuditKinds.ContentReclassified))
        .OrderBy(e => e.Id).Select(e => e.Kind).ToArrayAsync());

    [Fact]
    public async Task IncidentCategory_PartnersOnlyMadePublic_IsAuditedAsDeclassified_AndBackAsReclassified()
    {
        var s = await factory.IncidentSetupAsync();
        var url = $"{s.Base}/incident-categories";
        await s.CoordinatorApi.GetAsync(url); // seeds the defaults
        var created = await s.CoordinatorApi.PostAsJsonAsync(url, new { code = "BANC", name = "Banc dégradé", group = "voirie", visibility = "Partners", slaValue = 5, slaUnit = "Days" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = await factory.WithDb(db => db.IncidentCategories.Where(c => c.ContractId == s.Contract.Id && c.Code == "BANC").Select(c => c.Id).SingleAsync());
        Assert.Empty(await KindsAsync(id));

        Assert.True((await s.CoordinatorApi.PutAsJsonAsync($"{url}/BANC", new { name = "Banc dégradé ou arraché" })).IsSuccessStatusCode);
        Assert.Empty(await KindsAsync(id)); // no visibility change, no declassification
        Assert.True((await s.CoordinatorApi.PutAsJsonAsync($"{url}/BANC", new { visibility = "Public" })).IsSuccessStatusCode);
        Assert.True((await s.CoordinatorApi.PutAsJsonAsync($"{url}/BANC", new { visibility = "Partners" })).IsSuccessStatusCode);
        Assert.Equal([AuditKinds.ContentDeclassified, AuditKinds.ContentReclassified], await KindsAsync(id));
    }

    [Fact]
    public async Task Minutes_SavedWithALowerVisibility_AreAuditedAsDeclassified()
    {
        var s = await factory.SetupAsync();
        var meeting = await s.MeetingAsync(await s.BodyAsync("plenary", "restricted"), visibility: "restricted");
        var minutes = $"{s.Base}/meetings/{meeting}/minutes";
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(minutes, new { minutes = "Relevé", visibility = "restricted" })).StatusCode);
        Assert.Empty(await KindsAsync(meeting));
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(minutes, new { minutes = "Relevé", visibility = "members" })).StatusCode);
        Assert.Equal([AuditKinds.ContentDeclassified], await KindsAsync(meeting));
    }
}
