using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Api;

/// <summary>
/// Real calls through HTTP with a personal access token, for every route family (account and tokens, partners,
/// territories, contracts, areas, plan, governance, observatory and its imports); each answer — success or error —
/// is validated against /openapi/v1.json (status, media type, JSON schema). An answer the document does not describe fails.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ApiReplayTests(VigieFactory factory)
{
    [Fact]
    public async Task EveryRouteFamily_AnswersAsDocumented()
    {
        var validator = new OpenApiResponseValidator(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        var admin = await factory.AdminAsync();
        var api = factory.CreateDefaultClient(validator);
        api.DefaultRequestHeaders.Authorization = (await factory.ApiClientAsync(admin)).DefaultRequestHeaders.Authorization;
        var commune = await factory.CommuneAsync();
        var missing = Guid.NewGuid();

        // Account and tokens
        await api.GetAsync("/api/v1/me");
        await api.GetAsync("/api/v1/me/tokens");
        await api.DeleteAsync($"/api/v1/me/tokens/{missing}");
        await api.GetAsync("/api/v1/me/tasks");

        // Partners
        await api.GetAsync("/api/v1/partner-types");
        await api.GetAsync("/api/v1/partners?q=zz&limit=5");
        await api.GetAsync("/api/v1/partners?type=inconnu");
        var partner = await (await api.PostAsJsonAsync("/api/v1/partners", new { name = TestData.Unique("Bailleur"), type = "commune" })).CreatedIdAsync();
        await api.GetAsync($"/api/v1/partners/{partner}");
        await api.GetAsync($"/api/v1/partners/{partner}/contacts");
        await api.PostAsJsonAsync("/api/v1/partners", new { name = "" });
        await api.GetAsync($"/api/v1/partners/{missing}");

        // Territories
        await api.GetAsync($"/api/v1/territories?q={commune.Code}");
        await api.GetAsync($"/api/v1/territories/commune/{commune.Code}");
        await api.GetAsync("/api/v1/territories/planete/1");
        await api.GetAsync("/api/v1/territories/commune/99999");

        // Contracts
        var contract = await (await api.PostAsJsonAsync("/api/v1/contracts", new
        {
            title = TestData.Unique("Contrat"), kind = "cls", startDate = "2026-01-01", endDate = "2029-12-31", territories = commune.Code,
        })).CreatedIdAsync();
        var c = $"/api/v1/contracts/{contract}";
        await api.GetAsync("/api/v1/contracts");
        await api.GetAsync(c);
        await api.GetAsync($"/api/v1/contracts/{missing}");
        await api.PostAsJsonAsync("/api/v1/contracts", new { title = "", startDate = "2026-01-01" });
        await api.PostAsJsonAsync($"{c}/signatories", new { organisationId = partner, representativeName = "Mme Durand" });
        await api.GetAsync($"{c}/signatories");
        await api.GetAsync($"{c}/amendments");
        await api.GetAsync($"{c}/history");
        await api.GetAsync($"{c}/members");
        await api.GetAsync($"{c}/document");
        await api.GetAsync($"{c}/series");

        // Areas
        var area = await (await api.PostAsJsonAsync($"{c}/areas", new { kind = "quartier", name = "Centre-ville" })).CreatedIdAsync();
        await api.GetAsync($"{c}/areas");
        await api.GetAsync($"{c}/areas/{area}");
        await api.PostAsJsonAsync($"{c}/areas", new { kind = "galaxie", name = "X" });

        // Plan
        var axis = await (await api.PostAsJsonAsync($"{c}/plan/items", new { kind = "priority", title = "Tranquillité publique" })).CreatedIdAsync();
        var action = await (await api.PostAsJsonAsync($"{c}/plan/items", new { kind = "action", title = "Médiation de nuit", parentId = axis })).CreatedIdAsync();
        await api.GetAsync($"{c}/plan");
        await api.GetAsync($"{c}/plan/items/{action}");
        await api.GetAsync($"{c}/plan/items/{action}/history");
        await api.GetAsync($"{c}/plan/indicators");
        await api.GetAsync($"{c}/plan/partners");
        await api.GetAsync($"{c}/plan/export?format=csv");
        await api.GetAsync($"{c}/plan/export?format=xlsx");
        await api.PutAsJsonAsync($"{c}/plan/items/{action}", new { kind = "action", title = "Médiation de nuit", parentId = axis });
        await api.PostAsJsonAsync($"{c}/plan/items", new { title = "" });

        // Governance
        var body = await (await api.PostAsJsonAsync($"{c}/bodies", new { name = TestData.Unique("Plénière"), kind = "plenary" })).CreatedIdAsync();
        var meeting = await (await api.PostAsJsonAsync($"{c}/meetings", new { bodyId = body, title = "Plénière", date = "2026-05-12", startTime = "14:30", endTime = "16:00" })).CreatedIdAsync();
        await api.PostAsJsonAsync($"{c}/meetings", new { bodyId = body, title = "Plénière", date = "2026-05-12", startTime = "14:30:00Z", endTime = "16:00" });
        await api.GetAsync($"{c}/bodies");
        await api.GetAsync($"{c}/bodies/{body}");
        await api.GetAsync($"{c}/meetings?from=2026-01-01&to=2026-12-31");
        await api.GetAsync($"{c}/meetings/{meeting}");
        await api.PutAsJsonAsync($"{c}/meetings/{meeting}", new { title = "Plénière", date = "2026-05-13", startTime = "14:30", endTime = "16:00", place = "Mairie" });
        await api.PutAsJsonAsync($"{c}/meetings/{meeting}", new { title = "Plénière", date = "2026-05-13", startTime = "16:30", endTime = "16:00" });
        await api.GetAsync($"{c}/meetings/search?q=Pl%C3%A9ni%C3%A8re");
        await api.GetAsync($"{c}/meetings/{meeting}/packs/before");
        await api.GetAsync($"{c}/meetings/{meeting}/packs/pendant");
        await api.GetAsync($"{c}/tasks");

        // Diagnostic (issue 12)
        var diagnostic = await (await api.PostAsJsonAsync($"{c}/diagnostics", new { areaId = area })).CreatedIdAsync();
        await api.PostAsJsonAsync($"{c}/diagnostics", new { areaId = missing });
        await api.GetAsync($"{c}/diagnostics");
        await api.GetAsync($"{c}/diagnostics/draft");
        await api.GetAsync($"{c}/diagnostics/{diagnostic}");
        await api.GetAsync($"{c}/diagnostics/{missing}");
        await api.PostAsJsonAsync($"{c}/diagnostics/{diagnostic}/findings", new { text = "Constat" });
        await api.PostAsJsonAsync($"{c}/diagnostics/{diagnostic}/sources", new { kind = "Statistics", title = "Sans édition" });
        await api.PostAsync($"{c}/diagnostics/{diagnostic}/versions", null);
        await api.GetAsync($"{c}/diagnostics/{diagnostic}/versions/1");
        await api.GetAsync($"{c}/diagnostics/{diagnostic}/versions/1/pdf");
        await api.PutAsJsonAsync($"{c}/diagnostics/{diagnostic}/publication", new { version = 1 });
        await api.GetAsync($"{c}/plan/unjustified-priorities");
        await api.GetAsync($"/api/v1/diagnostic-drafts?level=commune&code={commune.Code}");
        await api.GetAsync("/api/v1/diagnostic-drafts?level=galaxie&code=1");

        // Observatory, état 4001 and imports
        await api.GetAsync("/api/v1/observatory/galaxie/1");
        await api.GetAsync("/api/v1/etat4001/services");
        await api.GetAsync($"/api/v1/observatory/imports/{missing}");

        // Survey (issue 12)
        await api.PostAsJsonAsync($"{c}/surveys", new { title = "Enquête de tranquillité publique" });
        await api.PostAsJsonAsync($"{c}/surveys", new { title = "" });
        await api.GetAsync($"{c}/surveys");
        await api.GetAsync($"{c}/survey-waves/{missing}/results");
        await api.PostAsync($"{c}/survey-waves/{missing}/responses", new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "r.csv" } });
        await api.PutAsJsonAsync($"{c}/survey-iris", new { rows = new[] { new { iris = "920620101", quartier = "Q1", name = "Centre" } } });
        await api.PutAsJsonAsync($"{c}/survey-iris", new { rows = new[] { new { iris = "X", quartier = "", name = "" } } });
        await api.GetAsync($"{c}/survey-iris");
        await api.PostAsync($"{c}/survey-waves/{missing}/census", new MultipartFormDataContent { { new ByteArrayContent([1]), "file", "recensement.csv" } });

        // Confidential follow-up: the DPO designation and the module's audit log (issue 13 follow-up)
        await api.PutAsJsonAsync($"{c}/case-groups/dpos", new { userIds = new[] { admin.Id } });
        await api.GetAsync($"{c}/case-groups/dpos");
        await api.GetAsync($"{c}/case-groups/audit-log?page=1");
        await api.GetAsync($"{c}/case-groups/audit-log?kind=inconnu");
        await api.GetAsync($"{c}/case-groups/audit-log/csv");

        // Evaluation: entries of a draft are corrected by removing them (one success, one error each)
        var evaluation = await (await api.PostAsJsonAsync($"{c}/evaluations", new { title = "Bilan 2026", kind = "yearlyBilan", periodStart = "2026-01-01", periodEnd = "2026-06-30" })).CreatedIdAsync();
        var ev = $"{c}/evaluations/{evaluation}";
        var rating = await (await api.PostAsJsonAsync($"{ev}/ratings", new { criterion = "impact", question = "Les nuisances ont-elles baissé ?", confidence = "low" })).CreatedIdAsync();
        await api.DeleteAsync($"{ev}/ratings/{rating}");
        await api.DeleteAsync($"{ev}/ratings/{missing}");
        await api.PostAsJsonAsync($"{ev}/judgements", new { planItemId = action, attainment = "partly" });
        await api.DeleteAsync($"{ev}/judgements/{action}");
        await api.DeleteAsync($"{ev}/judgements/{missing}");
        var recommendation = await (await api.PostAsJsonAsync($"{ev}/recommendations", new { text = "Prolonger la médiation", priority = "high" })).CreatedIdAsync();
        await api.DeleteAsync($"{ev}/recommendations/{recommendation}");
        await api.DeleteAsync($"{ev}/recommendations/{missing}");

        Assert.True(validator.Failures.Count == 0, "Réponses non conformes au document :\n" + string.Join("\n", validator.Failures));
        string[] families = ["/api/v1/me", "/api/v1/partners", "/api/v1/territories", "/api/v1/contracts/{id}", "/areas", "/plan", "/meetings", "/observatory", "/etat4001", "/api/v1/observatory/imports", "/diagnostics"];
        Assert.All(families, f => Assert.Contains(validator.Covered, op => op.Contains(f, StringComparison.Ordinal)));
        Assert.True(validator.Covered.Count >= 40, $"{validator.Covered.Count} opérations couvertes");
    }

    [Fact]
    public async Task ValidatorRejects_AnAnswerTheDocumentDoesNotDescribe()
    {
        var validator = new OpenApiResponseValidator(await factory.CreateClient().GetStringAsync("/openapi/v1.json"));
        validator.Check("GET", "/api/v1/partner-types", 200, new("application/json"), """[{"code":1}]"""u8.ToArray());
        validator.Check("GET", "/api/v1/partner-types", 418, new("application/json"), "{}"u8.ToArray());
        validator.Check("GET", "/api/v1/nulle-part", 200, new("application/json"), "{}"u8.ToArray());
        Assert.Equal(3, validator.Failures.Count);
    }
}
