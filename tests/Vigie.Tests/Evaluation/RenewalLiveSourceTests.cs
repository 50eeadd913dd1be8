using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15 item 6 with ADR 0020: a renewal and a plan export/import carry each indicator's live source — observatory and
/// incivilités sources as they are (a sector matched by name), a survey of the previous contract kept « à relier » with a
/// visible flag and a French notice in the wizard, never silently turned manual.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RenewalLiveSourceTests(VigieFactory factory)
{
    private const string Sector = "Les Bergères";

    private async Task<(EvaluationSetup Setup, Guid Action)> ContractWithLiveSourcesAsync()
    {
        var s = await factory.EvaluatedContractAsync();
        var action = await factory.ActionAsync(s, "Tranquillité résidentielle", null, null);
        await factory.WithDb(async db =>
        {
            var area = new Area { ContractId = s.Contract.Id, Kind = AreaKind.Quartier, Name = Sector };
            var survey = new Vigie.Web.Domain.Survey { ContractId = s.Contract.Id, Title = TestData.Unique("Enquête de tranquillité") };
            db.Areas.Add(area);
            db.Surveys.Add(survey);
            PlanIndicator Indicator(string name) => new()
            {
                ContractId = s.Contract.Id, PlanItemId = action, Reference = TestData.Unique("I"), Name = name, Unit = "faits", Kind = PlanIndicatorKind.Result,
            };
            var observatory = Indicator("Cambriolages de logement");
            (observatory.LiveSource, observatory.ObservatoryIndicatorCode) = (PlanIndicatorSourceKind.Observatory, "cambriolages-logement");
            var fromSurvey = Indicator("Sentiment d'insécurité");
            (fromSurvey.LiveSource, fromSurvey.SurveyId, fromSurvey.SurveyItem, fromSurvey.SurveyAnswer) = (PlanIndicatorSourceKind.Survey, survey.Id, "B1", "Souvent");
            var incivilities = Indicator("Dépôts sauvages");
            (incivilities.LiveSource, incivilities.IncidentGroup, incivilities.IncidentAreaId) = (PlanIndicatorSourceKind.Incivilities, "proprete", area.Id);
            db.PlanIndicators.AddRange(observatory, fromSurvey, incivilities);
            return await db.SaveChangesAsync();
        });
        return (s, action);
    }

    private static void AssertCarried(List<PlanIndicator> indicators, Guid? sector)
    {
        var observatory = indicators.Single(i => i.Name == "Cambriolages de logement");
        Assert.Equal((PlanIndicatorSourceKind.Observatory, "cambriolages-logement", false), (observatory.LiveSource, observatory.ObservatoryIndicatorCode, observatory.SourceToRelink));
        var survey = indicators.Single(i => i.Name == "Sentiment d'insécurité");
        Assert.Equal((PlanIndicatorSourceKind.Survey, "B1", "Souvent", true), (survey.LiveSource, survey.SurveyItem, survey.SurveyAnswer, survey.SourceToRelink));
        var incivilities = indicators.Single(i => i.Name == "Dépôts sauvages");
        Assert.Equal((PlanIndicatorSourceKind.Incivilities, "proprete", sector, false), (incivilities.LiveSource, incivilities.IncidentGroup, incivilities.IncidentAreaId, incivilities.SourceToRelink));
    }

    [Fact]
    public async Task Renewal_CarriesLiveSources_SurveyToRelinkWithNoticeAndFlag()
    {
        var (s, action) = await ContractWithLiveSourcesAsync();
        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/renouvellement";
        var wizard = await client.GetDocumentAsync(url);
        var notice = wizard.QuerySelector("#renewal-relink")!.TextContent;
        Assert.Contains("Sentiment d'insécurité", notice);
        Assert.Contains("à relier", notice);

        var form = new List<KeyValuePair<string, string>>
        {
            new("Input.Areas", "true"), new("Input.PlanItemIds", action.ToString()), new("__RequestVerificationToken", await client.AntiforgeryTokenAsync(url)),
        };
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.PostAsync(url, new FormUrlEncodedContent(form))).StatusCode);

        var next = await factory.WithDb(db => db.Contracts.AsNoTracking().SingleAsync(c => c.PredecessorId == s.Contract.Id));
        var item = await factory.WithDb(db => db.PlanItems.AsNoTracking().SingleAsync(i => i.ContractId == next.Id && i.ContinuesItemId == action));
        var sector = await factory.WithDb(db => db.Areas.Where(a => a.ContractId == next.Id && a.Name == Sector).Select(a => a.Id).SingleAsync());
        AssertCarried(await factory.WithDb(db => db.PlanIndicators.AsNoTracking().Where(i => i.PlanItemId == item.Id).ToListAsync()), sector);

        var fiche = (await client.GetDocumentAsync($"/contrats/{next.Id}/plan/elements/{item.Id}")).Body!.TextContent;
        Assert.Contains("Source à relier", fiche);
        Assert.Contains("à relier à une enquête de ce contrat", fiche);
    }

    [Fact]
    public async Task Renewal_LiveIndicatorBaseline_IsTheLastLiveValueUpToThePredecessorsEnd()
    {
        var (s, action) = await ContractWithLiveSourcesAsync();
        var area = await factory.WithDb(db => db.Areas.Where(a => a.ContractId == s.Contract.Id && a.Name == Sector).Select(a => a.Id).SingleAsync());
        // Dépôts sauvages reported in the sector: one in 2007, three in 2008 (the contract's last year), two after its end.
        await factory.WithDb(async db =>
        {
            var category = new IncidentCategory { ContractId = s.Contract.Id, Code = TestData.Unique("depots"), Name = "Dépôt sauvage", Group = "proprete", Visibility = IncidentVisibility.Public };
            db.IncidentCategories.Add(category);
            var number = 0;
            foreach (var (year, month) in new[] { (2007, 5), (2008, 2), (2008, 6), (2008, 11), (2009, 3), (2009, 4) })
            {
                var at = new DateTimeOffset(year, month, 15, 10, 0, 0, TimeSpan.Zero);
                db.Incidents.Add(new Incident
                {
                    ContractId = s.Contract.Id, Number = ++number, CategoryId = category.Id, AreaId = area, Description = "Dépôt d'encombrants", ObservedAt = at, ReportedAt = at,
                });
            }
            return await db.SaveChangesAsync();
        });

        var renewed = await s.Api.PostAsJsonAsync($"{s.Base}/renewal", new { areas = true, bodies = false, planItemIds = new[] { action } });

        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        var next = await factory.WithDb(db => db.Contracts.Where(c => c.PredecessorId == s.Contract.Id).Select(c => c.Id).SingleAsync());
        var incivilities = await factory.WithDb(db => db.PlanIndicators.AsNoTracking().SingleAsync(i => i.ContractId == next && i.Name == "Dépôts sauvages"));
        Assert.Equal((3m, new DateOnly(2008, 12, 31)), (incivilities.BaselineValue, incivilities.BaselineDate));
        // The same figure as the live series of the ending contract shows for 2008.
        var fiche = await s.Api.GetFromJsonAsync<JsonElement>($"{s.Base}/plan/items/{action}");
        var series = fiche.GetProperty("indicators").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "Dépôts sauvages").GetProperty("values");
        Assert.Equal(3m, series.EnumerateArray().Single(v => v.GetProperty("period").GetString() == "2008").GetProperty("value").GetDecimal());
    }

    [Fact]
    public async Task PlanExportImport_CarriesLiveSourceColumns_UnknownSurveyKeptToRelink()
    {
        var (s, _) = await ContractWithLiveSourcesAsync();
        var export = await s.Api.GetAsync($"{s.Base}/plan/export?format=csv");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        var bytes = await export.Content.ReadAsByteArrayAsync();
        var csv = Encoding.UTF8.GetString(bytes);
        foreach (var text in new[] { "Source automatique", "Item d'enquête", "enquête de tranquillité publique", "incivilités signalées", "Propreté", Sector, "B1" })
            Assert.Contains(text, csv);

        // Into another contract: its own sector of the same name, no such survey.
        var coordinator = await factory.UserAsync();
        var other = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var sector = await factory.WithDb(async db =>
        {
            var a = new Area { ContractId = other.Id, Kind = AreaKind.Quartier, Name = Sector };
            db.Areas.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });
        var api = await factory.ApiClientAsync(coordinator);
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "plan.csv");
        var imported = await api.PostAsync($"/api/v1/contracts/{other.Id}/plan/import", form);
        Assert.True(imported.StatusCode == HttpStatusCode.OK, await imported.Content.ReadAsStringAsync());
        AssertCarried(await factory.WithDb(db => db.PlanIndicators.AsNoTracking().Where(i => i.ContractId == other.Id).ToListAsync()), sector);
    }

    [Fact]
    public async Task PlanImport_RefusesASurveySourceWithoutItem_InFrench()
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        var csv = "Type;Référence;Parent;Niveau;Intitulé;Type d'indicateur;Unité;Source automatique;Réponse d'enquête\n"
            + "Élément;A1;;Axe prioritaire;Sécuriser les espaces publics;;;;\n"
            + "Indicateur;I1;A1;;Sentiment d'insécurité;Résultat;%;enquête de tranquillité publique;Souvent\n";
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "plan.csv");
        var response = await api.PostAsync($"/api/v1/contracts/{contract.Id}/plan/import", form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("« Item d'enquête » est obligatoire", await response.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.PlanItems.AnyAsync(i => i.ContractId == contract.Id)));
    }
}
