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
        Assert.True((await s.CoordinatorApi.PutAsJsonAsync($"{url}/BANC", new { visibility = "Public", confirm = true })).IsSuccessStatusCode);
        Assert.True((await s.CoordinatorApi.PutAsJsonAsync($"{url}/BANC", new { visibility = "Partners" })).IsSuccessStatusCode);
        Assert.Equal([AuditKinds.ContentDeclassified, AuditKinds.ContentReclassified], await KindsAsync(id));
    }

    [Fact]
    public async Task IncidentCategory_MadePublicWithoutConfirmation_IsRefusedInFrench_OnTheApiAndThePage_NothingChanged()
    {
        var s = await factory.IncidentSetupAsync();
        var url = $"{s.Base}/incident-categories";
        Assert.Equal(HttpStatusCode.Created, (await s.CoordinatorApi.PostAsJsonAsync(url, new { code = "ABRI", name = "Abri dégradé", group = "voirie", visibility = "Partners",
            slaValue = 5, slaUnit = "Days" })).StatusCode);
        var id = await factory.WithDb(db => db.IncidentCategories.Where(c => c.ContractId == s.Contract.Id && c.Code == "ABRI").Select(c => c.Id).SingleAsync());
        Task<string> VisibilityAsync() => factory.WithDb(db => db.IncidentCategories.Where(c => c.Id == id).Select(c => c.Visibility.ToString()).SingleAsync());

        var unconfirmed = await s.CoordinatorApi.PutAsJsonAsync($"{url}/ABRI", new { visibility = "Public", name = "Abri de bus dégradé" });
        var problem = await unconfirmed.Content.ReadAsStringAsync();
        var apiVisibility = await VisibilityAsync();
        var name = await factory.WithDb(db => db.IncidentCategories.Where(c => c.Id == id).Select(c => c.Name).SingleAsync());

        var edit = $"/contrats/{s.Contract.Id}/signalements/categories/modifier/ABRI";
        var coordinator = await PageClient.SignedInAsync(factory, s.Coordinator);
        var form = await coordinator.GetDocumentAsync(edit);
        Dictionary<string, string> Fields(bool confirm)
        {
            var fields = new Dictionary<string, string>
            {
                ["Input.Version"] = form.QuerySelector("input[name='Input.Version']")!.GetAttribute("value")!, ["Input.Code"] = "ABRI", ["Input.Name"] = "Abri dégradé",
                ["Input.Group"] = "voirie", ["Input.Visibility"] = "Public", ["Input.SlaValue"] = "5", ["Input.SlaUnit"] = "Days", ["Input.PilotOrganisationId"] = "",
            };
            if (confirm) fields["Input.Confirm"] = "true";
            return fields;
        }
        var pageRefused = await coordinator.PostFormAsync(edit, Fields(confirm: false), edit);
        var pageText = PageClient.Parse(await pageRefused.Content.ReadAsStringAsync()).Body!.TextContent;
        var pageVisibility = await VisibilityAsync();
        var audited = await KindsAsync(id);
        var confirmed = await coordinator.PostFormAsync(edit, Fields(confirm: true), edit);

        Assert.Equal(HttpStatusCode.BadRequest, unconfirmed.StatusCode);
        Assert.Contains("\"confirm\"", problem);
        Assert.Contains("Confirmez la déclassification", problem);
        Assert.Equal("Partners", apiVisibility);
        Assert.Equal("Abri dégradé", name); // nothing of the refused PUT was saved
        Assert.Contains(Vigie.Web.Features.Incidents.IncidentCategoryEditor.DeclassificationWarning, form.Body!.TextContent); // the warning comes before
        Assert.NotNull(form.QuerySelector("input[type=checkbox][name='Input.Confirm']"));
        Assert.Equal(HttpStatusCode.OK, pageRefused.StatusCode);
        Assert.Contains("Confirmez la déclassification", pageText);
        Assert.Equal("Partners", pageVisibility);
        Assert.Empty(audited);
        Assert.Equal(HttpStatusCode.Redirect, confirmed.StatusCode);
        Assert.Equal("Public", await VisibilityAsync());
        Assert.Equal([AuditKinds.ContentDeclassified], await KindsAsync(id));
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
