using Microsoft.EntityFrameworkCore;
using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Diagnostic;

/// <summary>
/// Findings → priorities (issue 12 §3) and the sources register (§2): the diagnostic lists the findings no priority answers,
/// the plan the priorities no finding justifies; a partner's finding inherits its members-only section's visibility; working
/// meetings are dated sources or governance meetings; statistics need their edition; documents are stored files.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class DiagnosticFindingsTests(VigieFactory factory)
{
    [Fact]
    public async Task Diagnostic_ListsUnansweredFindings_AndPlan_ListsUnjustifiedPriorities()
    {
        var s = await factory.DiagnosticSetupAsync();
        var id = await s.CreateDiagnosticAsync();
        var d = await s.DiagnosticAsync(id);
        var prevention = DiagnosticKit.Section(d, "Axis");
        var contribution = DiagnosticKit.Section(d, "PartnerContribution", s.LandlordOrg.Id);
        var answered = await s.CoordinatorApi.CreateAsync($"{s.Base}/diagnostics/{id}/findings", new { sectionId = prevention, text = "Les cambriolages augmentent dans le quartier Nord." });
        var open = await s.LandlordApi.CreateAsync($"{s.Base}/diagnostics/{id}/findings", new { sectionId = contribution, axis = "Dissuasion", text = "Les halls sont occupés le soir." });
        var justified = await s.CoordinatorApi.CreateAsync($"{s.Base}/plan/items", new { kind = "priority", title = "Tranquillité résidentielle" });
        var unjustified = await s.CoordinatorApi.CreateAsync($"{s.Base}/plan/items", new { kind = "priority", title = "Sécurité routière" });

        Assert.Equal(HttpStatusCode.Forbidden, (await s.LandlordApi.PutAsync($"{s.Base}/plan/items/{justified}/findings/{answered}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsync($"{s.Base}/plan/items/{justified}/findings/{answered}", null)).StatusCode);

        var after = await s.DiagnosticAsync(id);
        Assert.Equal([open], after.GetProperty("unansweredFindingIds").EnumerateArray().Select(x => x.GetGuid()).ToList());
        Assert.Equal([unjustified], after.GetProperty("unjustifiedPriorities").EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).ToList());
        var findings = after.GetProperty("findings").EnumerateArray().ToDictionary(x => x.GetProperty("id").GetGuid());
        Assert.Equal("Members", findings[open].GetProperty("visibility").GetString()); // inherits its members-only section
        Assert.Equal("Prevention", findings[answered].GetProperty("axis").GetString()); // the section's axis by default
        Assert.Equal([justified], findings[answered].GetProperty("planItemIds").EnumerateArray().Select(x => x.GetGuid()).ToList());
        var plan = await PlanTestKit.JsonAsync(await s.ReaderApi.GetAsync($"{s.Base}/plan/unjustified-priorities"));
        Assert.Equal([unjustified], plan.EnumerateArray().Select(x => x.GetProperty("id").GetGuid()).ToList());

        var page = await (await PageClient.SignedInAsync(factory, s.Reader)).GetDocumentAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}");
        Assert.Contains("Les halls sont occupés le soir.", page.QuerySelector("#constats-sans-priorite")!.TextContent);
        Assert.DoesNotContain("cambriolages", page.QuerySelector("#constats-sans-priorite")!.TextContent);
        Assert.Contains("Sécurité routière", page.QuerySelector("#priorites-sans-constat")!.TextContent);

        // A plan item of another contract, or a finding of another contract: not linked.
        var theirs = await factory.WithDb(db => Task.FromResult(db.Memberships.Where(m => m.UserId == s.Outsider.Id).Select(m => m.ContractId).Single()));
        var foreignItem = await s.OutsiderApi.CreateAsync($"/api/v1/contracts/{theirs}/plan/items", new { kind = "priority", title = "Ailleurs" });
        Assert.Equal(HttpStatusCode.NotFound, (await s.CoordinatorApi.PutAsync($"{s.Base}/plan/items/{foreignItem}/findings/{open}", null)).StatusCode);
        var foreignLink = await s.OutsiderApi.PutAsync($"/api/v1/contracts/{theirs}/plan/items/{foreignItem}/findings/{open}", null);
        Assert.Equal(HttpStatusCode.BadRequest, foreignLink.StatusCode);
        Assert.Contains("findingId", await foreignLink.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RestrictedPriorities_AreNeitherCitedNorListed_ForAReader_NorCopiedIntoAVersion()
    {
        var s = await factory.DiagnosticSetupAsync();
        var id = await s.CreateDiagnosticAsync();
        var section = DiagnosticKit.Section(await s.DiagnosticAsync(id), "Axis");
        var finding = await s.CoordinatorApi.CreateAsync($"{s.Base}/diagnostics/{id}/findings", new { sectionId = section, text = "Des rixes opposent deux quartiers." });
        var cited = await s.CoordinatorApi.CreateAsync($"{s.Base}/plan/items", new { kind = "priority", title = "Rixes : suivi nominatif restreint" });
        var uncited = await s.CoordinatorApi.CreateAsync($"{s.Base}/plan/items", new { kind = "priority", title = "Cellule restreinte sans constat" });
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsync($"{s.Base}/plan/items/{cited}/findings/{finding}", null)).StatusCode);
        // Both priorities restricted (ADR 0006: only the coordinators and the source body's members read them).
        await factory.WithDb(async db =>
        {
            foreach (var item in await db.PlanItems.Where(i => i.Id == cited || i.Id == uncited).ToListAsync()) item.Visibility = Vigie.Web.Domain.MinutesVisibility.Restricted;
            await db.SaveChangesAsync();
            return 0;
        });

        var reader = await s.DiagnosticAsync(id, s.ReaderApi);
        var row = reader.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetGuid() == finding);
        Assert.Empty(row.GetProperty("planItemIds").EnumerateArray());
        Assert.DoesNotContain(reader.GetProperty("unjustifiedPriorities").EnumerateArray(), p => p.GetProperty("id").GetGuid() == uncited);
        var plan = await PlanTestKit.JsonAsync(await s.ReaderApi.GetAsync($"{s.Base}/plan/unjustified-priorities"));
        Assert.DoesNotContain(plan.EnumerateArray(), p => p.GetProperty("id").GetGuid() == uncited);

        // The coordinator still sees the link; a frozen version, read by every member, does not carry the title.
        var coordinator = await s.DiagnosticAsync(id);
        Assert.Equal([cited], coordinator.GetProperty("findings").EnumerateArray().Single(f => f.GetProperty("id").GetGuid() == finding)
            .GetProperty("planItemIds").EnumerateArray().Select(x => x.GetGuid()).ToList());
        await s.FreezeAsync(id);
        var version = await PlanTestKit.JsonAsync(await s.ReaderApi.GetAsync($"{s.Base}/diagnostics/{id}/versions/1"));
        Assert.DoesNotContain("suivi nominatif restreint", version.GetRawText(), StringComparison.Ordinal);
    }

    /// <summary>
    /// ADR 0015's former gap: a public finding of a published version named the members-level priorities citing it on the
    /// public page and in the public PDF. The version now stores which cited priorities are public; the public projection
    /// names only those, members still read every priority they may read.
    /// </summary>
    [Fact]
    public async Task PublishedVersion_PublicFinding_NamesOnlyPublicPriorities_OnThePublicPageAndPdf()
    {
        var s = await factory.DiagnosticSetupAsync();
        var id = await s.CreateDiagnosticAsync();
        var section = DiagnosticKit.Section(await s.DiagnosticAsync(id), "Axis");
        var finding = await s.CoordinatorApi.CreateAsync($"{s.Base}/diagnostics/{id}/findings", new { sectionId = section, text = "Constat public FINDINGPUBLIC sur les halls." });
        var open = await s.CoordinatorApi.CreateAsync($"{s.Base}/plan/items", new { kind = "priority", title = "Priorité publique PRIORITYPUBLIC" });
        var members = await s.CoordinatorApi.CreateAsync($"{s.Base}/plan/items", new { kind = "priority", title = "Priorité interne PRIORITYMEMBERS" });
        foreach (var item in new[] { open, members })
            Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsync($"{s.Base}/plan/items/{item}/findings/{finding}", null)).StatusCode);
        await factory.WithDb(async db =>
        {
            (await db.PlanItems.SingleAsync(i => i.Id == members)).Visibility = Vigie.Web.Domain.MinutesVisibility.Members;
            await db.SaveChangesAsync();
            return 0;
        });
        await s.ValidateAllAsync(id);
        await s.FreezeAsync(id);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/diagnostics/{id}/publication", new { version = 1 })).StatusCode);
        await factory.PublishContractAsync(s.Contract.Id);

        var anonymous = PageClient.Create(factory);
        var text = (await anonymous.GetDocumentAsync($"/public/contrats/{s.Contract.Id}/diagnostic")).Body!.TextContent;
        Assert.Contains("FINDINGPUBLIC", text);
        Assert.Contains("PRIORITYPUBLIC", text);
        Assert.DoesNotContain("PRIORITYMEMBERS", text);
        var pdf = await anonymous.Http.GetAsync($"/public/contrats/{s.Contract.Id}/diagnostic?handler=Pdf&diagnosticId={id}");
        Assert.DoesNotContain("PRIORITYMEMBERS", await PdfText.FlatAsync(await pdf.Content.ReadAsByteArrayAsync()));

        // A member reading the version sees both priorities.
        var version = await (await PageClient.SignedInAsync(factory, s.Reader)).GetDocumentAsync($"/contrats/{s.Contract.Id}/diagnostic/{id}/versions/1");
        Assert.Contains("PRIORITYMEMBERS", version.Body!.TextContent);
        Assert.Contains("PRIORITYPUBLIC", version.Body!.TextContent);
    }

    [Fact]
    public async Task SourcesRegister_DatedAndGovernanceMeetings_StatisticsNeedTheirEdition_DocumentsAreStored()
    {
        var g = await factory.SetupAsync();
        var s = await factory.DiagnosticSetupAsync();
        var id = await s.CreateDiagnosticAsync();
        // Paris 13e: 21 working meetings between late 2001 and mid-2002.
        for (var i = 0; i < 21; i++)
            await s.CoordinatorApi.CreateAsyncOk($"{s.Base}/diagnostics/{id}/sources",
                new { kind = "Meeting", title = $"Réunion de travail n° {i + 1}", date = new DateOnly(2001, 11, 6).AddDays(i * 10).ToString("yyyy-MM-dd") });
        var missingEdition = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/diagnostics/{id}/sources", new { kind = "Statistics", title = "Main courante du bailleur" });
        Assert.Equal(HttpStatusCode.BadRequest, missingEdition.StatusCode);
        Assert.Contains("édition", (await PlanTestKit.JsonAsync(missingEdition)).GetProperty("errors").GetProperty("edition")[0].GetString());
        var undated = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/diagnostics/{id}/sources", new { kind = "Meeting", title = "Réunion sans date" });
        Assert.Equal(HttpStatusCode.BadRequest, undated.StatusCode);
        Assert.Contains("date", await undated.Content.ReadAsStringAsync());
        // A meeting of another contract cannot be cited.
        var body = await g.BodyAsync();
        var foreignMeeting = await g.MeetingAsync(body, "2026-03-10", "Cellule de veille");
        var foreign = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/diagnostics/{id}/sources", new { kind = "Meeting", meetingId = foreignMeeting });
        Assert.Equal(HttpStatusCode.BadRequest, foreign.StatusCode);
        Assert.Contains("meetingId", await foreign.Content.ReadAsStringAsync());
        // A working meeting held in Vigie: its title and date come from the meeting.
        var ownBody = await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/bodies", new { name = TestData.Unique("Groupe"), kind = "plenary", defaultVisibility = "members" })).CreatedIdAsync();
        var ownMeeting = await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/meetings",
            new { bodyId = ownBody, title = "Groupe de travail du diagnostic", date = "2002-02-12", startTime = "18:00", endTime = "20:00", place = "Mairie" })).CreatedIdAsync();
        await s.CoordinatorApi.CreateAsyncOk($"{s.Base}/diagnostics/{id}/sources", new { kind = "Meeting", meetingId = ownMeeting });
        Assert.Equal(HttpStatusCode.Forbidden, (await s.LandlordApi.PostAsJsonAsync($"{s.Base}/diagnostics/{id}/sources", new { kind = "Interview", title = "Entretien", date = "2002-01-10" })).StatusCode);

        // A document uploaded on the page is stored and downloadable by members.
        var pages = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/diagnostic/{id}";
        var pdfBytes = "%PDF-1.4\n% rapport du bailleur\n"u8.ToArray();
        using (var form = new MultipartFormDataContent
        {
            { new StringContent("Document"), "Input.Kind" },
            { new StringContent("Rapport annuel du bailleur 2001"), "Input.Title" },
            { new ByteArrayContent(pdfBytes), "Input.File", "rapport-bailleur.pdf" },
        })
        {
            var posted = await pages.PostMultipartAsync(url + "?handler=Source", form, url);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
        }
        var d = await s.DiagnosticAsync(id);
        var sources = d.GetProperty("sources").EnumerateArray().ToList();
        Assert.Equal(22, sources.Count(x => x.GetProperty("kind").GetString() == "Meeting"));
        var held = sources.Single(x => x.GetProperty("meetingId").ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal(ownMeeting, held.GetProperty("meetingId").GetGuid());
        Assert.Equal("Groupe de travail du diagnostic", held.GetProperty("title").GetString());
        Assert.Equal("2002-02-12", held.GetProperty("date").GetString());
        Assert.Contains(sources, x => x.GetProperty("kind").GetString() == "Statistics" && x.GetProperty("edition").GetString() is not null);
        Assert.True(sources.Single(x => x.GetProperty("kind").GetString() == "Document").GetProperty("hasFile").GetBoolean());
        var page = await pages.GetDocumentAsync(url);
        var link = page.QuerySelectorAll("#sources ~ div table a").Single(a => a.TextContent == "rapport-bailleur.pdf");
        var download = await (await PageClient.SignedInAsync(factory, s.Reader)).Http.GetAsync(link.GetAttribute("href"));
        Assert.Equal(pdfBytes, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await (await PageClient.SignedInAsync(factory, s.Outsider)).Http.GetAsync(link.GetAttribute("href"))).StatusCode);
    }
}
