using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Issue 15: a contract has one successor at most, whatever the path (create/edit form, API, two renewals at once); the edit
/// form's "Est un avenant au contrat…" follows the avenant attachment rules; a renewal does not inherit the attachment.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RenewalSuccessorTests(VigieFactory factory)
{
    private static async Task<string> CommuneCodeAsync(VigieFactory f, Guid contractId) =>
        await f.WithDb(db => db.Set<ContractTerritory>().Where(t => t.ContractId == contractId).Select(t => t.Territory!.Code).FirstAsync());

    [Fact]
    public async Task CreateContract_WithARenewedContractAsPredecessor_RefusedInFrench()
    {
        var s = await factory.EvaluatedContractAsync();
        Assert.Equal(HttpStatusCode.Created, (await s.Api.PostAsJsonAsync($"{s.Base}/renewal", new { bodies = false })).StatusCode);
        var admin = await factory.AdminAsync();
        var api = await factory.ApiClientAsync(admin);
        var title = TestData.Unique("CLS concurrent");

        var response = await api.PostAsJsonAsync("/api/v1/contracts", new
        {
            title, kind = "cls", startDate = "2009-01-01", endDate = "2012-12-31", territories = await CommuneCodeAsync(factory, s.Contract.Id), predecessorId = s.Contract.Id,
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("déjà un contrat successeur", body);
        Assert.Contains("predecessorId", body);
        Assert.Equal(1, await factory.WithDb(db => db.Contracts.CountAsync(c => c.PredecessorId == s.Contract.Id)));
        Assert.False(await factory.WithDb(db => db.Contracts.AnyAsync(c => c.Title == title)));
    }

    [Fact]
    public async Task EditContract_PredecessorOrAttachmentMakingACycle_RefusedInFrench()
    {
        var coordinator = await factory.UserAsync();
        var a = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var b = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        // A is attached to B and is B's predecessor.
        await factory.WithDb(async db =>
        {
            var x = await db.Contracts.SingleAsync(c => c.Id == a.Id);
            x.AmendsContractId = b.Id;
            (await db.Contracts.SingleAsync(c => c.Id == b.Id)).PredecessorId = a.Id;
            return await db.SaveChangesAsync();
        });
        object Input(Guid? amends, Guid? predecessor, string code) => new
        {
            title = b.Title, kind = "cls", startDate = b.StartDate.ToString("yyyy-MM-dd"), endDate = b.EndDate.ToString("yyyy-MM-dd"), territories = code,
            amendsContractId = amends, predecessorId = predecessor,
        };
        var codeB = await CommuneCodeAsync(factory, b.Id);

        var cycle = await api.PutAsJsonAsync($"/api/v1/contracts/{b.Id}", Input(a.Id, a.Id, codeB));
        Assert.Equal(HttpStatusCode.BadRequest, cycle.StatusCode);
        var body = await cycle.Content.ReadAsStringAsync();
        Assert.Contains("amendsContractId", body);
        Assert.Contains("boucle", body);
        Assert.Null(await factory.WithDb(db => db.Contracts.Where(c => c.Id == b.Id).Select(c => c.AmendsContractId).SingleAsync()));

        // A renewal loop: A cannot name its own successor B as its predecessor.
        var codeA = await CommuneCodeAsync(factory, a.Id);
        var loop = await api.PutAsJsonAsync($"/api/v1/contracts/{a.Id}", new
        {
            title = a.Title, kind = "cls", startDate = a.StartDate.ToString("yyyy-MM-dd"), endDate = a.EndDate.ToString("yyyy-MM-dd"), territories = codeA,
            amendsContractId = b.Id, predecessorId = b.Id,
        });
        Assert.Equal(HttpStatusCode.BadRequest, loop.StatusCode);
        Assert.Contains("génération suivante de ce contrat", await loop.Content.ReadAsStringAsync());
        Assert.Null(await factory.WithDb(db => db.Contracts.Where(c => c.Id == a.Id).Select(c => c.PredecessorId).SingleAsync()));
    }

    [Fact]
    public async Task TwoRenewalsAtOnce_OneCreated_TheOtherRefusedInFrench_AttachmentNotInherited()
    {
        var s = await factory.EvaluatedContractAsync();
        var lille = await factory.ContractAsync((s.Coordinator, ContractRole.Coordinator));
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == s.Contract.Id)).AmendsContractId = lille.Id;
            return await db.SaveChangesAsync();
        });
        var other = await factory.ApiClientAsync(s.Coordinator);

        var responses = await Task.WhenAll(
            s.Api.PostAsJsonAsync($"{s.Base}/renewal", new { bodies = false }),
            other.PostAsJsonAsync($"{s.Base}/renewal", new { bodies = false }));

        var statuses = responses.Select(r => r.StatusCode).Order().ToList();
        Assert.Equal([HttpStatusCode.Created, HttpStatusCode.BadRequest], statuses);
        var refused = responses.Single(r => r.StatusCode == HttpStatusCode.BadRequest);
        Assert.Contains("déjà un contrat successeur", await refused.Content.ReadAsStringAsync());
        var created = responses.Single(r => r.StatusCode == HttpStatusCode.Created);
        var next = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        Assert.Equal(next, await factory.WithDb(db => db.Contracts.Where(c => c.PredecessorId == s.Contract.Id).Select(c => c.Id).SingleAsync()));
        // The next generation is a new contract: attached to Lille only by a new avenant.
        Assert.Null(await factory.WithDb(db => db.Contracts.Where(c => c.Id == next).Select(c => c.AmendsContractId).SingleAsync()));
    }
}
