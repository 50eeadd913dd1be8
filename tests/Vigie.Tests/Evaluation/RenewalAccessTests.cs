using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Contracts;

namespace Vigie.Tests.Evaluation;

/// <summary>
/// Review of issue 15: naming a contract as predecessor (its only successor slot) or as the contract this one is an avenant
/// to takes the coordinator's role in that contract — reading it is not enough — on create and on edit.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class RenewalAccessTests(VigieFactory factory)
{
    private static async Task<string> CommuneCodeAsync(VigieFactory f, Guid contractId) =>
        await f.WithDb(db => db.Set<ContractTerritory>().Where(t => t.ContractId == contractId).Select(t => t.Territory!.Code).FirstAsync());

    private static object Input(SecurityContract c, string code, Guid? predecessor = null, Guid? amends = null) => new
    {
        title = c.Title, kind = "cls", startDate = c.StartDate.ToString("yyyy-MM-dd"), endDate = c.EndDate.ToString("yyyy-MM-dd"), territories = code,
        predecessorId = predecessor, amendsContractId = amends,
    };

    [Fact]
    public async Task ReaderOfAContract_CannotNameItAsPredecessor_OnCreateOrEdit()
    {
        var user = await factory.UserAsync(null, Roles.ContractCreator);
        var read = await factory.ContractAsync((user, ContractRole.Reader));
        var own = await factory.ContractAsync((user, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(user);
        var code = await CommuneCodeAsync(factory, own.Id);
        var title = TestData.Unique("CLS successeur");

        var created = await api.PostAsJsonAsync("/api/v1/contracts", new
        {
            title, kind = "cls", startDate = "2020-01-01", endDate = "2022-12-31", territories = code, predecessorId = read.Id,
        });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var body = await created.Content.ReadAsStringAsync();
        Assert.Contains("predecessorId", body);
        Assert.Contains(ContractCommands.PredecessorNotCoordinated, body);
        Assert.False(await factory.WithDb(db => db.Contracts.AnyAsync(c => c.Title == title)));

        var edited = await api.PutAsJsonAsync($"/api/v1/contracts/{own.Id}", Input(own, code, predecessor: read.Id));
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Contains(ContractCommands.PredecessorNotCoordinated, await edited.Content.ReadAsStringAsync());
        Assert.False(await factory.WithDb(db => db.Contracts.AnyAsync(c => c.PredecessorId == read.Id)));

        // The coordinator of both may.
        var mine = await factory.ContractAsync((user, ContractRole.Coordinator));
        var renewed = await api.PutAsJsonAsync($"/api/v1/contracts/{own.Id}", Input(own, code, predecessor: mine.Id));
        Assert.True(renewed.StatusCode == HttpStatusCode.NoContent, await renewed.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ReaderOfAContract_CannotAttachTheirContractToIt_OnCreateOrEdit()
    {
        var user = await factory.UserAsync(null, Roles.ContractCreator);
        var read = await factory.ContractAsync((user, ContractRole.Reader));
        var own = await factory.ContractAsync((user, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(user);
        var code = await CommuneCodeAsync(factory, own.Id);
        var title = TestData.Unique("CLS rattaché");

        var created = await api.PostAsJsonAsync("/api/v1/contracts", new
        {
            title, kind = "cls", startDate = "2020-01-01", endDate = "2022-12-31", territories = code, amendsContractId = read.Id,
        });
        Assert.Equal(HttpStatusCode.BadRequest, created.StatusCode);
        var body = await created.Content.ReadAsStringAsync();
        Assert.Contains("amendsContractId", body);
        Assert.Contains(ContractCommands.AmendsNotCoordinated, body);
        Assert.False(await factory.WithDb(db => db.Contracts.AnyAsync(c => c.Title == title)));

        var edited = await api.PutAsJsonAsync($"/api/v1/contracts/{own.Id}", Input(own, code, amends: read.Id));
        Assert.Equal(HttpStatusCode.BadRequest, edited.StatusCode);
        Assert.Contains(ContractCommands.AmendsNotCoordinated, await edited.Content.ReadAsStringAsync());
        Assert.Null(await factory.WithDb(db => db.Contracts.Where(c => c.Id == own.Id).Select(c => c.AmendsContractId).SingleAsync()));

        var mine = await factory.ContractAsync((user, ContractRole.Coordinator));
        var attached = await api.PutAsJsonAsync($"/api/v1/contracts/{own.Id}", Input(own, code, amends: mine.Id));
        Assert.True(attached.StatusCode == HttpStatusCode.NoContent, await attached.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Generations_AttachmentToAContractTheReaderCannotSee_IsNotNamed()
    {
        var user = await factory.UserAsync();
        var own = await factory.ContractAsync((user, ContractRole.Coordinator));
        var hidden = await factory.ContractAsync();
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == own.Id)).AmendsContractId = hidden.Id;
            return await db.SaveChangesAsync();
        });
        var api = await factory.ApiClientAsync(user);

        var chain = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{own.Id}/generations");

        var link = chain.EnumerateArray().Single(g => g.GetProperty("id").GetGuid() == own.Id);
        Assert.Equal(JsonValueKind.Null, link.GetProperty("amendsContractId").ValueKind);
    }
}
