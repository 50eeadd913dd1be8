using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Contracts;

[Collection(AppCollection.Name)]
public sealed class ContractLifecycleTests(VigieFactory factory)
{
    private static async Task<JsonElement> Problem(HttpResponseMessage r)
    {
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        return await r.Content.ReadFromJsonAsync<JsonElement>();
    }

    [Fact]
    public async Task Status_FollowsLifeCycle_AndRefusesShortcuts()
    {
        var coordinator = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);

        var noSignatory = await api.PostAsJsonAsync($"/api/v1/contracts/{c.Id}/status", new { status = "inSignature" });
        Assert.Equal(HttpStatusCode.BadRequest, noSignatory.StatusCode);
        Assert.Contains("au moins un signataire", (await Problem(noSignatory)).GetProperty("errors").GetProperty("status")[0].GetString());

        var skip = await api.PostAsJsonAsync($"/api/v1/contracts/{c.Id}/status", new { status = "inForce" });
        Assert.Equal(HttpStatusCode.BadRequest, skip.StatusCode);
        Assert.Contains("ne peut pas passer au statut « En vigueur »", (await Problem(skip)).GetProperty("errors").GetProperty("status")[0].GetString());

        var org = await factory.OrganisationAsync();
        (await api.PostAsJsonAsync($"/api/v1/contracts/{c.Id}/signatories", new { organisationId = org.Id, representativeName = "Dominique Bernard" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/contracts/{c.Id}/status", new { status = "inSignature" })).StatusCode);

        var unsigned = await api.PostAsJsonAsync($"/api/v1/contracts/{c.Id}/status", new { status = "inForce" });
        Assert.Equal(HttpStatusCode.BadRequest, unsigned.StatusCode);
        Assert.Contains("Dominique Bernard", (await Problem(unsigned)).GetProperty("detail").GetString());

        var signatory = (await factory.ReloadAsync(c.Id)).Signatories.Single();
        (await api.PutAsJsonAsync($"/api/v1/contracts/{c.Id}/signatories/{signatory.Id}",
            new { organisationId = org.Id, representativeName = "Dominique Bernard", signedOn = "2025-02-01" })).EnsureSuccessStatusCode();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PostAsJsonAsync($"/api/v1/contracts/{c.Id}/status", new { status = "inForce" })).StatusCode);
        Assert.Equal(ContractStatus.InForce, (await factory.ReloadAsync(c.Id)).Status);

        // Once signed, the period changes only through an avenant.
        var edit = await api.PutAsJsonAsync($"/api/v1/contracts/{c.Id}", new { title = c.Title, kind = "cls", startDate = "2025-01-01", endDate = "2030-12-31", territories = (await factory.ReloadAsync(c.Id)).Territories.Single().Territory!.Code });
        Assert.Equal(HttpStatusCode.BadRequest, edit.StatusCode);
        Assert.Contains("avenant", (await Problem(edit)).GetProperty("errors").GetProperty("endDate")[0].GetString());
    }

    [Fact]
    public async Task Api_InvalidBodies_GetFrenchProblemDetailsNamingFields()
    {
        var admin = await factory.AdminAsync();
        var api = await factory.ApiClientAsync(admin);
        var before = await factory.CountContractsAsync();

        var missing = await api.PostAsJsonAsync("/api/v1/contracts", new { title = "", territories = "" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var errors = (await Problem(missing)).GetProperty("errors");
        Assert.Equal("L'intitulé est obligatoire.", errors.GetProperty("title")[0].GetString());
        Assert.Equal("La date de début est obligatoire.", errors.GetProperty("startDate")[0].GetString());

        var badKind = await api.PostAsync("/api/v1/contracts", new StringContent("{\"title\":\"x\",\"kind\":\"magique\"}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, badKind.StatusCode);
        Assert.Contains("kind", (await Problem(badKind)).GetProperty("detail").GetString());

        var malformed = await api.PostAsync("/api/v1/contracts", new StringContent("{ pas du json", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("JSON", (await Problem(malformed)).GetProperty("detail").GetString());

        Assert.Equal(before, await factory.CountContractsAsync());
    }

    [Fact]
    public async Task Renew_CreatesNextGenerationLinkedToPredecessor()
    {
        var coordinator = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        var draft = await api.PostAsync($"/api/v1/contracts/{c.Id}/renewal", null);
        Assert.Equal(HttpStatusCode.BadRequest, draft.StatusCode);

        await factory.SignAsync(api, c.Id);
        var renewed = await api.PostAsync($"/api/v1/contracts/{c.Id}/renewal", null);
        Assert.Equal(HttpStatusCode.Created, renewed.StatusCode);
        var id = (await renewed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var next = await factory.ReloadAsync(id);
        Assert.Equal(2, next.Generation);
        Assert.Equal(c.Id, next.PredecessorId);
        Assert.Equal(ContractStatus.Draft, next.Status);
        Assert.Equal(new DateOnly(2029, 1, 1), next.StartDate);
        Assert.Null(Assert.Single(next.Signatories).SignedOn);
        Assert.Contains(next.Memberships, m => m.UserId == coordinator.Id && m.Role == ContractRole.Coordinator);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.PostAsync($"/api/v1/contracts/{c.Id}/renewal", null)).StatusCode);
    }
}
