using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Evaluation;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 item 5 (specs §5.3): the page and the PDF carry the whole outline, parts 0 to 8 numbered alike — synthesis
/// with criterion ratings and top recommendations, sources and limits, partners and commitments, dates and budget by
/// funder per fiche, gap column, efficiency as cost per output, indicators of axes and objectives, annexes — and every table
/// its source line. Item 11's input checks: unknown rating level or confidence, a judgement on an axis, and values taken
/// before the period are refused or ignored.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class EvaluationOutlineTests(VigieFactory factory)
{
    private const string Source = "Source :";

    private async Task<(EvaluationSetup S, Guid Id, Guid Action)> SeededAsync()
    {
        var s = await factory.EvaluatedContractAsync();
        var action = await factory.ActionAsync(s, "Médiation de nuit", 100, 80, 75);
        await factory.WithDb(async db =>
        {
            var objective = new PlanItem { ContractId = s.Contract.Id, ParentId = s.Priority, Kind = PlanItemKind.Objective, Position = 9, Reference = TestData.Unique("O"), Title = "Réduire les regroupements" };
            db.PlanItems.Add(objective);
            var onObjective = new PlanIndicator
            {
                ContractId = s.Contract.Id, PlanItemId = objective.Id, Reference = TestData.Unique("I"), Name = "Plaintes pour nuisances", Unit = "plaintes", Kind = PlanIndicatorKind.Impact,
                BaselineValue = 50, BaselineDate = new DateOnly(2004, 12, 31), TargetValue = 30, TargetDate = new DateOnly(2008, 12, 31), Source = "Main courante",
            };
            db.PlanIndicators.Add(onObjective);
            db.PlanIndicatorValues.Add(new PlanIndicatorValue { ContractId = s.Contract.Id, IndicatorId = onObjective.Id, On = new DateOnly(2008, 12, 31), Period = "2008", Value = 35, Provenance = "main courante" });
            var output = new PlanIndicator
            {
                ContractId = s.Contract.Id, PlanItemId = action, Reference = TestData.Unique("I"), Name = "Tournées de médiation", Unit = "tournées", Kind = PlanIndicatorKind.Output,
                TargetValue = 100, TargetDate = new DateOnly(2008, 12, 31), Source = "Service médiation",
            };
            db.PlanIndicators.Add(output);
            db.PlanIndicatorValues.Add(new PlanIndicatorValue { ContractId = s.Contract.Id, IndicatorId = output.Id, On = new DateOnly(2008, 12, 31), Period = "2008", Value = 120, Provenance = "bilan" });
            // A value taken before the period does not count as achieved.
            var early = new PlanIndicator
            {
                ContractId = s.Contract.Id, PlanItemId = action, Reference = TestData.Unique("I"), Name = "Médiateurs recrutés", Unit = "médiateurs", Kind = PlanIndicatorKind.Output,
                TargetValue = 4, TargetDate = new DateOnly(2008, 12, 31), Source = "Ressources humaines",
            };
            db.PlanIndicators.Add(early);
            db.PlanIndicatorValues.Add(new PlanIndicatorValue { ContractId = s.Contract.Id, IndicatorId = early.Id, On = new DateOnly(2004, 6, 30), Period = "2004", Value = 6, Provenance = "avant le contrat" });
            db.BudgetLines.Add(new BudgetLine { ContractId = s.Contract.Id, PlanItemId = action, Reference = TestData.Unique("B"), Funder = FundingSource.Fipd, Planned = 12000, Granted = 10000, Spent = 9000 });
            db.Commitments.Add(new Commitment { ContractId = s.Contract.Id, PlanItemId = action, Reference = TestData.Unique("C"), OrganisationId = s.Lead.Id, What = "Mettre à disposition deux médiateurs" });
            var body = new Body { ContractId = s.Contract.Id, Name = "Cellule de veille de test", Kind = BodyKind.WatchCell };
            db.Bodies.Add(body);
            db.BodyMemberships.Add(new BodyMembership { ContractId = s.Contract.Id, BodyId = body.Id, OrganisationId = s.Lead.Id, From = new DateOnly(2005, 1, 1) });
            db.Meetings.Add(new Meeting { ContractId = s.Contract.Id, BodyId = body.Id, Title = "Cellule de mars", StartsAt = new DateTimeOffset(2006, 3, 10, 9, 0, 0, TimeSpan.Zero), Status = MeetingStatus.Held });
            var item = await db.PlanItems.FindAsync(action);
            (item!.StartDate, item.EndDate) = (new DateOnly(2005, 3, 1), new DateOnly(2008, 6, 30));
            return await db.SaveChangesAsync();
        });
        var id = await s.EvaluationAsync();
        var url = $"{s.Base}/evaluations/{id}";
        Assert.Equal(HttpStatusCode.Created, (await s.Api.PostAsJsonAsync($"{url}/ratings", new { criterion = "efficience", question = "Les moyens ont-ils été bien employés ?", level = "satisfying", evidence = "Coût par tournée stable", confidence = "high" })).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.Api.PostAsJsonAsync($"{url}/recommendations", new { text = "Étendre la médiation au week-end", priority = "high", ownerOrganisationId = s.Lead.Id })).StatusCode);
        return (s, id, action);
    }

    [Fact]
    public async Task PageAndPdf_HoldTheWholeOutline_AndEveryTableItsSourceLine()
    {
        var (s, id, _) = await SeededAsync();
        var report = await s.ReportAsync(id);
        var pdf = await PdfText.FlatAsync(await s.Api.GetByteArrayAsync($"{s.Base}/evaluations/{id}/pdf"));
        var page = await (await PageClient.SignedInAsync(factory, s.Coordinator)).GetDocumentAsync($"/contrats/{s.Contract.Id}/evaluations/{id}");
        var text = page.Body!.TextContent;

        var headings = page.QuerySelectorAll("h2").Select(h => h.TextContent.Trim()).ToList();
        foreach (var part in EvaluationOutline.Parts)
        {
            Assert.Contains(part, headings);
            Assert.Contains(part, pdf);
        }
        // The diagnostic would be 2.1; without it the strategy starts with the axes; sub-parts are numbered in both.
        Assert.Contains("2.1 Axes et fiches action", pdf);
        Assert.Contains("2.2 Partenaires et engagements", text);
        string[] captions =
        [
            "Chiffres clés", "Appréciation d'ensemble par critère", "Principales recommandations", "Axes et fiches action du plan",
            "Partenaires du contrat et leurs engagements", "Plan de financement par financeur", "Réalisation des fiches action", "Budget par fiche et par financeur",
            "Budget par financeur", "Réunions tenues et prévues par instance", "Assiduité par institution (réunions tenues)", "Décisions et tâches de suivi",
            "Objectifs par axe", "indicateurs de l'axe et de ses objectifs", "Chaîne d'indicateurs de la fiche", "Questions évaluatives et appréciations",
            "Efficience : coût par réalisation", "Recommandations pour la stratégie suivante", "Dictionnaire des indicateurs", "Composition des instances",
        ];
        foreach (var caption in captions)
        {
            // In the PDF, the caption's table is followed by its source line before the next caption.
            var at = pdf.IndexOf(caption, StringComparison.Ordinal);
            Assert.True(at >= 0, $"PDF sans le tableau « {caption} »");
            var next = captions.Where(c => c != caption).Select(c => pdf.IndexOf(c, at + caption.Length, StringComparison.Ordinal)).Where(i => i > at).DefaultIfEmpty(pdf.Length).Min();
            var source = pdf.IndexOf(Source, at, StringComparison.Ordinal);
            Assert.True(source > at && source < next, $"PDF : le tableau « {caption} » n'a pas sa ligne Source");
            // On the page, each table is followed by its source line.
            var table = page.QuerySelectorAll("table").FirstOrDefault(t => t.QuerySelector("caption")?.TextContent.Contains(caption, StringComparison.Ordinal) == true);
            Assert.True(table is not null, $"page sans le tableau « {caption} »");
            Assert.Matches(@"^Source : .+ — extraction du \d\d/\d\d/\d{4}\.$", table!.ParentElement!.NextElementSibling!.TextContent.Trim());
        }
        Assert.Equal(page.QuerySelectorAll("table").Length, page.QuerySelectorAll("table").Count(t => t.ParentElement!.NextElementSibling?.TextContent.Trim().StartsWith(Source, StringComparison.Ordinal) == true));

        foreach (var t in new[] { text, pdf })
        {
            Assert.Contains("Sources et limites", t);
            Assert.Contains("Aucune donnée nominative", t);
            Assert.Contains("Glossaire", t);
            Assert.Contains("Étendre la médiation au week-end", t);
            Assert.Contains("Coût par tournée stable", t);
            Assert.Contains("01/03/2005 – 30/06/2008", t);                    // the fiche's dates
            Assert.Contains("75,00 € par unité (tournées)", t);                        // 9 000 € spent for 120 tournées
            Assert.Contains("Plaintes pour nuisances", t);                      // an objective's indicator under its axis
            Assert.Contains("+20", t);                                          // gap: 120 achieved − 100 targeted
        }
        // Part 8: the organisations of the bodies, never a person.
        Assert.Contains(s.Lead.Name, page.QuerySelectorAll("table").Single(t => t.QuerySelector("caption")!.TextContent == "Composition des instances").TextContent);

        // The value of 2004 is before the period: nothing achieved for that indicator.
        var early = report.GetProperty("actions")[0].GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Médiateurs recrutés");
        Assert.Equal(JsonValueKind.Null, early.GetProperty("achieved").ValueKind);
        var axis = report.GetProperty("priorities")[0].GetProperty("indicators").EnumerateArray().Single();
        Assert.Equal("Plaintes pour nuisances", axis.GetProperty("name").GetString());
        Assert.Equal("partly", axis.GetProperty("attainment").GetString(), ignoreCase: true);
    }

    [Fact]
    public async Task Inputs_UnknownLevelOrConfidence_AndAJudgementOnAnAxis_AreRefusedInFrench()
    {
        var (s, id, action) = await SeededAsync();
        var url = $"{s.Base}/evaluations/{id}";
        var before = await factory.WithDb(db => db.EvaluationRatings.CountAsync(r => r.EvaluationId == id));

        var level = await s.Api.PostAsJsonAsync($"{url}/ratings", new { criterion = "impact", question = "Q ?", level = 7, confidence = "high" });
        Assert.Equal(HttpStatusCode.BadRequest, level.StatusCode);
        Assert.Contains("level", (await level.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("level")[0].GetString());
        var confidence = await s.Api.PostAsJsonAsync($"{url}/ratings", new { criterion = "impact", question = "Q ?", confidence = 9 });
        Assert.Equal(HttpStatusCode.BadRequest, confidence.StatusCode);
        Assert.Contains("confidence", (await confidence.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("confidence")[0].GetString());
        // A form posting numbers outside the lists is refused too (binding or the command), in French, nothing saved.
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var reportPage = $"/contrats/{s.Contract.Id}/evaluations/{id}";
        var posted = await page.PostFormAsync($"{reportPage}?handler=Rating", new()
        {
            ["Rating.Criterion"] = "Impact", ["Rating.Question"] = "Les faits ont-ils baissé ?", ["Rating.Level"] = "7", ["Rating.Confidence"] = "9",
        }, reportPage);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var summary = PageClient.Parse(await posted.Content.ReadAsStringAsync()).QuerySelector("#resume-erreurs")!.TextContent;
        Assert.Contains("Le formulaire contient des erreurs", summary);
        Assert.Equal(before, await factory.WithDb(db => db.EvaluationRatings.CountAsync(r => r.EvaluationId == id)));

        var axis = await s.Api.PostAsJsonAsync($"{url}/judgements", new { planItemId = s.Priority, attainment = "met" });
        Assert.Equal(HttpStatusCode.BadRequest, axis.StatusCode);
        Assert.Contains("pas une fiche action", (await axis.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").GetProperty("planItemId")[0].GetString());
        Assert.False(await factory.WithDb(db => db.EvaluationJudgements.AnyAsync(j => j.EvaluationId == id)));
        Assert.Equal(HttpStatusCode.Created, (await s.Api.PostAsJsonAsync($"{url}/judgements", new { planItemId = action, attainment = "met" })).StatusCode);
    }

    [Fact]
    public async Task Entries_AreRemovedFromADraftOnly_ARecommendationTurnedIntoAnActionStays()
    {
        var (s, id, action) = await SeededAsync();
        var url = $"{s.Base}/evaluations/{id}";
        async Task<Guid> CreatedAsync(string path, object body)
        {
            var r = await s.Api.PostAsJsonAsync($"{url}/{path}", body);
            Assert.Equal(HttpStatusCode.Created, r.StatusCode);
            return (await r.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        }
        var rating = await CreatedAsync("ratings", new { criterion = "impact", question = "Les faits ont-ils baissé ?", confidence = "low" });
        var recommendation = await CreatedAsync("recommendations", new { text = "Renforcer l'éclairage", priority = "low" });
        var drafted = await CreatedAsync("recommendations", new { text = "Créer une fiche prévention routière", priority = "medium" });
        await CreatedAsync("judgements", new { planItemId = action, attainment = "partly" });
        Assert.Equal(HttpStatusCode.OK, (await s.Api.PostAsJsonAsync($"{url}/recommendations/{drafted}/draft-action", new { intoThisContract = true })).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.DeleteAsync($"{url}/ratings/{rating}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.DeleteAsync($"{url}/recommendations/{recommendation}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.Api.DeleteAsync($"{url}/judgements/{action}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.Api.DeleteAsync($"{url}/ratings/{rating}")).StatusCode);
        var kept = await s.Api.DeleteAsync($"{url}/recommendations/{drafted}");
        Assert.Equal(HttpStatusCode.BadRequest, kept.StatusCode);
        Assert.Contains("déjà devenue une fiche action brouillon", await kept.Content.ReadAsStringAsync());
        await factory.WithDb(async db =>
        {
            Assert.False(await db.EvaluationRatings.AnyAsync(r => r.Id == rating));
            Assert.False(await db.EvaluationRecommendations.AnyAsync(r => r.Id == recommendation));
            Assert.True(await db.EvaluationRecommendations.AnyAsync(r => r.Id == drafted));
            Assert.False(await db.EvaluationJudgements.AnyAsync(j => j.EvaluationId == id));
            Assert.Equal(3, await db.AuditEvents.CountAsync(e => e.Kind == "evaluation.entry-deleted" && e.EntityId == id.ToString()));
            return 0;
        });

        // Once validated, nothing is removed until the report is reopened.
        var last = await CreatedAsync("ratings", new { criterion = "durabilite", question = "L'action survivra-t-elle au financement ?", confidence = "medium" });
        await factory.ValidateAsync(s.Api, s.Contract.Id, id);
        var locked = await s.Api.DeleteAsync($"{url}/ratings/{last}");
        Assert.Equal(HttpStatusCode.BadRequest, locked.StatusCode);
        Assert.Contains("rouvrez-la", await locked.Content.ReadAsStringAsync());
        Assert.True(await factory.WithDb(db => db.EvaluationRatings.AnyAsync(r => r.Id == last)));
    }
}
