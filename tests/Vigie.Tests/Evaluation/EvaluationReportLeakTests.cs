using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 audit of the evaluation report: partner-only incident categories never reach the public report and a masked
/// cell never sits beside a total that reveals it; the diagnostic section reads the whole-contract diagnostic only (the
/// published version for the public); the API report and version comparisons are audited reads; the report is validated
/// in a held sitting of the restricted formation and presented in a plenary one.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EvaluationReportLeakTests(VigieFactory factory)
{
    private const string IncidentsTable = "Signalements reçus sur la période, par groupe de catégories";

    private static List<List<string>> Rows(JsonElement report, string caption) =>
        [.. report.GetProperty("sections").EnumerateArray().SelectMany(s => s.GetProperty("tables").EnumerateArray())
            .Single(t => t.GetProperty("caption").GetString() == caption).GetProperty("rows").EnumerateArray()
            .Select(r => r.EnumerateArray().Select(c => c.GetString()!).ToList())];

    private async Task PublishAsync(Guid contractId) =>
        await factory.WithDb(async db => { (await db.Contracts.FindAsync(contractId))!.IsPublished = true; return await db.SaveChangesAsync(); });

    [Fact]
    public async Task Incidents_PublicReportDropsPartnerOnlyGroups_AndATotalNeverSitsBesideAMaskedCell()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        await PublishAsync(s.Contract.Id);
        await factory.WithDb(async db =>
        {
            var number = 0;
            void Incidents(string group, IncidentVisibility visibility, int count, int duplicates = 0)
            {
                var category = new IncidentCategory { ContractId = s.Contract.Id, Code = TestData.Unique("cat"), Name = "Catégorie " + group, Group = group, Visibility = visibility, SlaValue = 2, SlaUnit = SlaUnit.Days };
                db.IncidentCategories.Add(category);
                for (var i = 0; i < count + duplicates; i++)
                    db.Incidents.Add(new Incident
                    {
                        ContractId = s.Contract.Id, Number = ++number, CategoryId = category.Id, Description = "Signalement de test",
                        ReportedAt = new DateTimeOffset(2006, 3, 1 + i, 10, 0, 0, TimeSpan.Zero), ObservedAt = new DateTimeOffset(2006, 3, 1 + i, 9, 0, 0, TimeSpan.Zero),
                        Status = i >= count ? IncidentStatus.Cloture : IncidentStatus.Nouveau, CloseReason = i >= count ? IncidentCloseReason.Doublon : null,
                    });
            }
            Incidents("proprete", IncidentVisibility.Public, 7, duplicates: 2);
            Incidents("transports", IncidentVisibility.Partners, 6);
            Incidents("eclairage", IncidentVisibility.Public, 2);
            return await db.SaveChangesAsync();
        });
        var id = await s.EvaluationAsync();

        // Members: every group, duplicates merged away, the total masked because a cell is.
        var members = Rows(await s.ReportAsync(id), IncidentsTable);
        Assert.Equal(["Propreté", "7"], members.Single(r => r[0] == "Propreté"));
        Assert.Equal(["Transports", "6"], members.Single(r => r[0] == "Transports"));
        Assert.Equal(["Éclairage", "< 5"], members.Single(r => r[0] == "Éclairage"));
        Assert.Equal(["Total", "secret"], members.Single(r => r[0] == "Total"));

        await factory.ValidateAsync(s.Api, s.Contract.Id, id, present: true);
        var anonymous = factory.CreateClient();
        var publicUrl = $"/public/contrats/{s.Contract.Id}/evaluations/{id}";
        var page = PageClient.Parse(await anonymous.GetStringAsync(publicUrl));
        var table = page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == IncidentsTable);
        var rows = table.QuerySelectorAll("tbody tr").Select(tr => tr.Children.Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.DoesNotContain(rows, r => r[0] == "Transports");
        Assert.Equal(["Propreté", "7"], rows.Single(r => r[0] == "Propreté"));
        Assert.Equal(["Total", "secret"], rows.Single(r => r[0] == "Total"));
        Assert.DoesNotContain("Transports", page.Body!.TextContent, StringComparison.Ordinal);
        var pdf = await PdfText.FlatAsync(await anonymous.GetByteArrayAsync(publicUrl + "?handler=Pdf"));
        Assert.Contains(IncidentsTable, pdf);
        Assert.DoesNotContain("Transports", pdf, StringComparison.Ordinal);
        Assert.Contains("Total secret", pdf);
        Assert.DoesNotContain("Total 9", pdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Diagnostic_OnlyTheWholeContractDiagnostic_PublicReportReadsThePublishedVersion()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        await PublishAsync(s.Contract.Id);
        var (published, inDraft, ofQuartier) = (TestData.Unique("Constat publié"), TestData.Unique("Constat en cours d'écriture"), TestData.Unique("Constat du quartier"));
        var diagnosticId = await factory.WithDb(async db =>
        {
            var d = new SecurityDiagnostic { ContractId = s.Contract.Id, Title = "Diagnostic local de sécurité" };
            var validated = new DiagnosticSection { ContractId = s.Contract.Id, DiagnosticId = d.Id, Kind = DiagnosticSectionKind.Territory, Title = "Territoire", Body = "Texte", Status = DiagnosticSectionStatus.Validated, Position = 1 };
            d.Sections.Add(validated);
            db.Diagnostics.Add(d);
            db.DiagnosticFindings.Add(new DiagnosticFinding { ContractId = s.Contract.Id, DiagnosticId = d.Id, SectionId = validated.Id, Axis = DiagnosticAxis.Prevention, Text = published, Position = 1 });
            var area = new Area { ContractId = s.Contract.Id, Kind = AreaKind.Quartier, Name = "Quartier du Bourg" };
            db.Areas.Add(area);
            var q = new SecurityDiagnostic { ContractId = s.Contract.Id, AreaId = area.Id, Title = "Diagnostic du quartier" };
            db.Diagnostics.Add(q);
            db.DiagnosticFindings.Add(new DiagnosticFinding { ContractId = s.Contract.Id, DiagnosticId = q.Id, Axis = DiagnosticAxis.Prevention, Text = ofQuartier, Position = 1 });
            await db.SaveChangesAsync();
            return d.Id;
        });
        var diagnostics = $"{s.Base}/diagnostics/{diagnosticId}";
        var frozen = await s.Api.PostAsync($"{diagnostics}/versions", null);
        Assert.True(frozen.IsSuccessStatusCode, await frozen.Content.ReadAsStringAsync());
        var publication = await s.Api.PutAsJsonAsync($"{diagnostics}/publication", new { version = 1 });
        Assert.True(publication.IsSuccessStatusCode, await publication.Content.ReadAsStringAsync());
        // After the publication, a public finding is written in a section still in draft.
        await factory.WithDb(async db =>
        {
            var draft = new DiagnosticSection { ContractId = s.Contract.Id, DiagnosticId = diagnosticId, Kind = DiagnosticSectionKind.PartnerContribution, Title = "Contribution", Body = "Brouillon", Status = DiagnosticSectionStatus.Draft, Position = 2 };
            db.DiagnosticSections.Add(draft);
            db.DiagnosticFindings.Add(new DiagnosticFinding { ContractId = s.Contract.Id, DiagnosticId = diagnosticId, SectionId = draft.Id, Axis = DiagnosticAxis.Prevention, Text = inDraft, Position = 2 });
            return await db.SaveChangesAsync();
        });
        var id = await s.EvaluationAsync();

        var members = (await s.ReportAsync(id)).ToString();
        Assert.Contains(published, members);
        Assert.DoesNotContain(inDraft, members, StringComparison.Ordinal);
        Assert.DoesNotContain(ofQuartier, members, StringComparison.Ordinal);

        await factory.ValidateAsync(s.Api, s.Contract.Id, id, present: true);
        var anonymous = factory.CreateClient();
        var publicUrl = $"/public/contrats/{s.Contract.Id}/evaluations/{id}";
        var html = await anonymous.GetStringAsync(publicUrl);
        Assert.Contains(published, html);
        Assert.Contains("version 1 publiée", html);
        Assert.DoesNotContain(inDraft, html, StringComparison.Ordinal);
        Assert.DoesNotContain(ofQuartier, html, StringComparison.Ordinal);
        var pdf = await PdfText.FlatAsync(await anonymous.GetByteArrayAsync(publicUrl + "?handler=Pdf"));
        Assert.Contains(published, pdf);
        Assert.DoesNotContain(inDraft, pdf, StringComparison.Ordinal);
        Assert.DoesNotContain(ofQuartier, pdf, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApiReport_AndVersionComparisons_AreAuditedReads()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        var restricted = await factory.ActionAsync(s, TestData.Unique("Surveillance discrète"), 10, 5, 4);
        await factory.WithDb(async db => { (await db.PlanItems.FindAsync(restricted))!.Visibility = MinutesVisibility.Restricted; return await db.SaveChangesAsync(); });
        var id = await s.EvaluationAsync();
        var url = $"{s.Base}/evaluations/{id}";
        Task<List<string?>> FormatsAsync() => factory.WithDb(db => db.AuditEvents.Where(e => e.Kind == "read.evaluation-report" && e.EntityId == id.ToString())
            .OrderBy(e => e.Id).Select(e => e.Data).ToListAsync());

        Assert.Equal(HttpStatusCode.OK, (await s.Api.GetAsync(url)).StatusCode);
        var afterReport = await FormatsAsync();
        Assert.Single(afterReport);
        Assert.Contains("\"api\"", afterReport[0]);

        await factory.ValidateAsync(s.Api, s.Contract.Id, id);
        var before = (await FormatsAsync()).Count;
        Assert.Equal(HttpStatusCode.OK, (await s.Api.GetAsync($"{url}/versions/compare?from=1&to=1")).StatusCode);
        var api = await FormatsAsync();
        Assert.Equal(before + 1, api.Count);
        Assert.Contains("\"compare\"", api[^1]);

        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        Assert.Equal(HttpStatusCode.OK, (await page.Http.GetAsync($"/contrats/{s.Contract.Id}/evaluations/{id}/versions?de=1&vers=1")).StatusCode);
        var afterPage = await FormatsAsync();
        Assert.Equal(before + 2, afterPage.Count);
        Assert.Contains("\"compare\"", afterPage[^1]);
    }

    [Fact]
    public async Task Validation_NeedsAHeldSittingOfTheRestrictedFormation_PresentationAPlenaryOne()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        var (restricted, plenary) = await factory.FormationSittingsAsync(s.Contract.Id);
        var planned = await factory.WithDb(async db =>
        {
            var bodyId = await db.Meetings.Where(m => m.Id == restricted).Select(m => m.BodyId).SingleAsync();
            var m = new Meeting { ContractId = s.Contract.Id, BodyId = bodyId, Title = "Séance à venir", StartsAt = new DateTimeOffset(2009, 3, 15, 9, 0, 0, TimeSpan.Zero), Status = MeetingStatus.Planned };
            db.Meetings.Add(m);
            await db.SaveChangesAsync();
            return m.Id;
        });
        var id = await s.EvaluationAsync();
        var status = $"{s.Base}/evaluations/{id}/status";
        async Task<string> RefusedAsync(object body)
        {
            var r = await s.Api.PostAsJsonAsync(status, body);
            Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("meetingId")[0].GetString()!;
        }

        Assert.Contains("Indiquez la séance de la formation restreinte", await RefusedAsync(new { status = "validated" }));
        Assert.Contains("pas de la formation restreinte", await RefusedAsync(new { status = "validated", meetingId = plenary }));
        Assert.Contains("n'a pas (encore) été tenue", await RefusedAsync(new { status = "validated", meetingId = planned }));
        Assert.False(await factory.WithDb(db => db.EvaluationReportVersions.AnyAsync(v => v.EvaluationId == id)));
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsJsonAsync(status, new { status = "validated", meetingId = restricted })).StatusCode);

        Assert.Contains("Indiquez la séance de la formation plénière", await RefusedAsync(new { status = "presented" }));
        Assert.Contains("pas de la formation plénière", await RefusedAsync(new { status = "presented", meetingId = restricted }));
        Assert.Equal(EvaluationStatus.Validated, await factory.WithDb(db => db.ContractEvaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsJsonAsync(status, new { status = "presented", meetingId = plenary })).StatusCode);
        Assert.Equal(EvaluationStatus.Presented, await factory.WithDb(db => db.ContractEvaluations.Where(e => e.Id == id).Select(e => e.Status).SingleAsync()));
    }
}
