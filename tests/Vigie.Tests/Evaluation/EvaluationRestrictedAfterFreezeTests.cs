using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// A presented report read after an action and an objective were made restricted: the public page and PDF drop the action,
/// its rating and the objective's indicators, and recount the key figures, the overall line and the axis table from the
/// actions left, so no total reveals the hidden action or its result. Validation and presentation take their sitting's date.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EvaluationRestrictedAfterFreezeTests(VigieFactory factory)
{
    [Fact]
    public async Task PublicReport_RecountsAndDropsRatingsAndIndicators_OfItemsRestrictedAfterTheFreeze()
    {
        var s = await factory.EvaluatedContractAsync();
        var hidden = TestData.Unique("Surveillance renforcée");
        var question = TestData.Unique("La surveillance a-t-elle porté ses fruits");
        var indicator = TestData.Unique("Rassemblements signalés");
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        var later = await factory.ActionAsync(s, hidden, 100, 80, 110);
        var objective = await factory.WithDb(async db =>
        {
            var o = new PlanItem { ContractId = s.Contract.Id, ParentId = s.Priority, Kind = PlanItemKind.Objective, Position = 9, Reference = TestData.Unique("O"), Title = "Réduire les regroupements" };
            db.PlanItems.Add(o);
            var i = new PlanIndicator
            {
                ContractId = s.Contract.Id, PlanItemId = o.Id, Reference = TestData.Unique("I"), Name = indicator, Unit = "signalements", Kind = PlanIndicatorKind.Impact,
                BaselineValue = 50, TargetValue = 30, TargetDate = new DateOnly(2008, 12, 31), Source = "Main courante",
            };
            db.PlanIndicators.Add(i);
            db.PlanIndicatorValues.Add(new PlanIndicatorValue { ContractId = s.Contract.Id, IndicatorId = i.Id, On = new DateOnly(2008, 12, 31), Period = "2008", Value = 35, Provenance = "main courante" });
            (await db.Contracts.SingleAsync(c => c.Id == s.Contract.Id)).IsPublished = true;
            await db.SaveChangesAsync();
            return o.Id;
        });
        var id = await s.EvaluationAsync();
        var url = $"{s.Base}/evaluations/{id}";
        Assert.Equal(HttpStatusCode.Created, (await s.Api.PostAsJsonAsync($"{url}/ratings",
            new { criterion = "efficacite", planItemId = later, question, level = "insufficient", confidence = "high" })).StatusCode);
        await factory.ValidateAsync(s.Api, s.Contract.Id, id, present: true);

        var anonymous = factory.CreateClient();
        var publicUrl = $"/public/contrats/{s.Contract.Id}/evaluations/{id}";
        var before = PageClient.Parse(await anonymous.GetStringAsync(publicUrl));
        Assert.Contains(hidden, before.Body!.TextContent);
        Assert.Contains(question, before.Body!.TextContent);
        Assert.Contains(indicator, before.Body!.TextContent);
        Assert.Equal("2", KeyFigures(before)["Fiches action évaluées"]);

        await factory.WithDb(async db =>
        {
            (await db.PlanItems.FindAsync(later))!.Visibility = MinutesVisibility.Restricted;
            (await db.PlanItems.FindAsync(objective))!.Visibility = MinutesVisibility.Members;
            return await db.SaveChangesAsync();
        });
        var html = await anonymous.GetStringAsync(publicUrl);
        var after = PageClient.Parse(html);
        foreach (var secret in new[] { hidden, question, indicator }) Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
        var figures = KeyFigures(after);
        Assert.Equal(("1", "1", "0", "0", "0"), (figures["Fiches action évaluées"], figures["Objectifs atteints"], figures["Partiellement atteints"], figures["Non atteints"], figures["Non évalués"]));
        Assert.Contains("tous les objectifs atteints : 1 sur 1", after.Body!.TextContent);
        var axis = after.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == "Objectifs par axe").QuerySelectorAll("tbody tr").Single();
        Assert.Equal(["1", "1", "0", "0"], axis.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray());
        var pdf = await PdfText.FlatAsync(await anonymous.GetByteArrayAsync(publicUrl + "?handler=Pdf"));
        foreach (var secret in new[] { hidden, question, indicator }) Assert.DoesNotContain(secret, pdf, StringComparison.Ordinal);
        // The coordinator still reads all of it in the full rendering.
        var full = (await s.ReportAsync(id)).ToString();
        Assert.Contains(question, full);
        Assert.Contains(indicator, full);
    }

    [Fact]
    public async Task ValidationAndPresentation_TakeTheSittingsDate_AndAPlenaryBeforeTheValidationIsRefused()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        var id = await s.EvaluationAsync();
        var status = $"{s.Base}/evaluations/{id}/status";
        var (restricted, plenary) = await factory.FormationSittingsAsync(s.Contract.Id, 2009);
        var (_, earlierPlenary) = await factory.FormationSittingsAsync(s.Contract.Id, 2008);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsJsonAsync(status, new { status = "validated", meetingId = restricted })).StatusCode);
        Assert.Equal("2009-01-15", (await s.ReportAsync(id)).GetProperty("evaluation").GetProperty("validatedOn").GetString());

        var refused = await s.Api.PostAsJsonAsync(status, new { status = "presented", meetingId = earlierPlenary });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await refused.Content.ReadAsStringAsync();
        Assert.Contains("datée du 15/02/2008, avant la validation du rapport le 15/01/2009", problem);
        Assert.Equal("Validated", (await s.ReportAsync(id)).GetProperty("evaluation").GetProperty("status").GetString(), ignoreCase: true);

        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.PostAsJsonAsync(status, new { status = "presented", meetingId = plenary })).StatusCode);
        var report = await s.ReportAsync(id);
        Assert.Equal("2009-02-15", report.GetProperty("evaluation").GetProperty("presentedOn").GetString());
        Assert.Equal("2009-01-15", report.GetProperty("evaluation").GetProperty("validatedOn").GetString());
    }

    [Fact]
    public async Task Charters_OnlyInTheFullVersion_WithSmallCountsMasked()
    {
        var s = await factory.EvaluatedContractAsync();
        await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        var group = TestData.Unique("Cellule de suivi");
        var reader = await factory.UserAsync();
        var members = new[] { await factory.UserAsync(), await factory.UserAsync(), await factory.UserAsync() };
        await factory.WithDb(async db =>
        {
            var g = new CaseGroup { ContractId = s.Contract.Id, Name = group, CoordinatorUserId = s.Coordinator.Id };
            db.CaseGroups.Add(g);
            for (var i = 0; i < members.Length; i++)
                g.Members.Add(new CaseGroupMember { UserId = members[i].Id, From = new DateOnly(2005, 1, 1), SignedCharterVersion = i < 2 ? 1 : null });
            var c = await db.Contracts.Include(x => x.Memberships).SingleAsync(x => x.Id == s.Contract.Id);
            c.Memberships.Add(new ContractMembership { UserId = reader.Id, Role = ContractRole.Reader });
            return await db.SaveChangesAsync();
        });
        var id = await s.EvaluationAsync();
        var url = $"{s.Base}/evaluations/{id}";

        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var doc = await page.GetDocumentAsync($"/contrats/{s.Contract.Id}/evaluations/{id}");
        var row = doc.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Contains("Chartes de confidentialité") == true)
            .QuerySelectorAll("tbody tr").Single();
        Assert.Equal(group, row.QuerySelector("th")!.TextContent.Trim());
        Assert.Equal(["1", "< 5", "< 5"], row.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToArray());

        var readerApi = await factory.ApiClientAsync(reader);
        Assert.DoesNotContain(group, (await readerApi.GetFromJsonAsync<JsonElement>(url)).ToString(), StringComparison.Ordinal);
        await factory.ValidateAsync(s.Api, s.Contract.Id, id);
        Assert.DoesNotContain(group, (await readerApi.GetFromJsonAsync<JsonElement>(url)).ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(group, await factory.WithDb(db => db.EvaluationReportVersions.Where(v => v.EvaluationId == id).Select(v => v.MembersContent).SingleAsync()), StringComparison.Ordinal);
        Assert.Contains(group, (await s.ReportAsync(id)).ToString());
    }

    [Fact]
    public async Task ReportPage_RemovesEntries_CoordinatorOnly_AndDeletesNeverReachAnotherEvaluation()
    {
        var s = await factory.EvaluatedContractAsync();
        var action = await factory.ActionAsync(s, "Accueil des victimes", null, null);
        var id = await s.EvaluationAsync();
        var url = $"{s.Base}/evaluations/{id}";
        async Task<Guid> CreatedAsync(EvaluationSetup on, string evaluationUrl, string path, object body)
        {
            var r = await on.Api.PostAsJsonAsync($"{evaluationUrl}/{path}", body);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var rating = await CreatedAsync(s, url, "ratings", new { criterion = "impact", question = "Les victimes sont-elles mieux accueillies ?", confidence = "low" });
        var recommendation = await CreatedAsync(s, url, "recommendations", new { text = "Former les agents d'accueil", priority = "low" });
        await CreatedAsync(s, url, "judgements", new { planItemId = action, attainment = "partly" });

        var reportPage = $"/contrats/{s.Contract.Id}/evaluations/{id}";
        var reader = await factory.UserAsync();
        await factory.WithDb(async db =>
        {
            (await db.Contracts.Include(x => x.Memberships).SingleAsync(x => x.Id == s.Contract.Id)).Memberships.Add(new ContractMembership { UserId = reader.Id, Role = ContractRole.Reader });
            return await db.SaveChangesAsync();
        });
        var readerPage = await PageClient.SignedInAsync(factory, reader);
        Assert.Empty((await readerPage.GetDocumentAsync(reportPage)).QuerySelectorAll("#saisies"));
        var denied = await readerPage.PostFormAsync($"{reportPage}?handler=Remove", new() { ["entry"] = "rating", ["entryId"] = rating.ToString() }, reportPage);
        Assert.NotEqual(HttpStatusCode.OK, denied.StatusCode);
        Assert.True(await factory.WithDb(db => db.EvaluationRatings.AnyAsync(r => r.Id == rating)));

        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        Assert.Equal(3, (await page.GetDocumentAsync(reportPage)).QuerySelectorAll("#saisies form").Length);
        foreach (var (entry, entryId) in new[] { ("rating", rating), ("judgement", action), ("recommendation", recommendation) })
        {
            var removed = await page.PostFormAsync($"{reportPage}?handler=Remove", new() { ["entry"] = entry, ["entryId"] = entryId.ToString() }, reportPage);
            Assert.Equal(HttpStatusCode.Redirect, removed.StatusCode);
        }
        await factory.WithDb(async db =>
        {
            Assert.False(await db.EvaluationRatings.AnyAsync(r => r.EvaluationId == id));
            Assert.False(await db.EvaluationJudgements.AnyAsync(j => j.EvaluationId == id));
            Assert.False(await db.EvaluationRecommendations.AnyAsync(r => r.EvaluationId == id));
            return 0;
        });
        Assert.Empty((await page.GetDocumentAsync(reportPage)).QuerySelectorAll("#saisies"));

        // Another contract's (or another evaluation's) entry is not found through this contract or evaluation.
        var other = await factory.EvaluatedContractAsync();
        var otherId = await other.EvaluationAsync();
        var otherUrl = $"{other.Base}/evaluations/{otherId}";
        var theirs = await CreatedAsync(other, otherUrl, "ratings", new { criterion = "impact", question = "Q ?", confidence = "low" });
        var theirRecommendation = await CreatedAsync(other, otherUrl, "recommendations", new { text = "Autre", priority = "low" });
        Assert.Equal(HttpStatusCode.NotFound, (await s.Api.DeleteAsync($"{url}/ratings/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Api.DeleteAsync($"{url}/recommendations/{theirRecommendation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Api.DeleteAsync($"{s.Base}/evaluations/{otherId}/ratings/{theirs}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound,
            (await page.PostFormAsync($"{reportPage}?handler=Remove", new() { ["entry"] = "rating", ["entryId"] = theirs.ToString() }, reportPage)).StatusCode);
        Assert.True(await factory.WithDb(db => db.EvaluationRatings.AnyAsync(r => r.Id == theirs)));
    }

    private static Dictionary<string, string> KeyFigures(AngleSharp.Html.Dom.IHtmlDocument page) =>
        page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")?.TextContent.Trim() == "Chiffres clés").QuerySelectorAll("tbody tr")
            .ToDictionary(r => r.QuerySelectorAll("th, td")[0].TextContent.Trim(), r => r.QuerySelectorAll("td").Last().TextContent.Trim());
}
