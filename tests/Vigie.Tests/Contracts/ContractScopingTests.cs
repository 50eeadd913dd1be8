using System.Net;
using System.Net.Http.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Contracts;

/// <summary>A user of contract A never sees contract B, through any page or API call.</summary>
[Collection(AppCollection.Name)]
public sealed class ContractScopingTests(VigieFactory factory)
{
    [Fact]
    public async Task MemberOfA_CannotSeeB_OnPagesOrApi()
    {
        var alice = await factory.UserAsync();
        var bob = await factory.UserAsync();
        var a = await factory.ContractAsync((alice, ContractRole.Coordinator));
        var b = await factory.ContractAsync((bob, ContractRole.Coordinator));
        var pages = await PageClient.SignedInAsync(factory, alice);
        var api = await factory.ApiClientAsync(alice);

        foreach (var url in new[] { $"/contrats/{b.Id}", $"/contrats/{b.Id}/historique", $"/contrats/{b.Id}/membres", $"/contrats/{b.Id}/modifier", $"/contrats/{b.Id}/signataires", $"/contrats/{b.Id}/avenants/nouveau" })
            Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync(url)).StatusCode);
        foreach (var url in new[] { $"/api/v1/contracts/{b.Id}", $"/api/v1/contracts/{b.Id}/history", $"/api/v1/contracts/{b.Id}/members", $"/api/v1/contracts/{b.Id}/signatories", $"/api/v1/contracts/{b.Id}/document" })
            Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync(url)).StatusCode);

        var list = await pages.GetDocumentAsync("/contrats");
        Assert.Contains(a.Title, list.Body!.TextContent);
        Assert.DoesNotContain(b.Title, list.Body!.TextContent);
        var apiList = await api.GetFromJsonAsync<List<ContractRow>>("/api/v1/contracts");
        Assert.Contains(apiList!, c => c.Id == a.Id);
        Assert.DoesNotContain(apiList!, c => c.Id == b.Id);

        var edit = await api.PutAsJsonAsync($"/api/v1/contracts/{b.Id}", new { title = "piraté", kind = "cls", startDate = "2025-01-01", endDate = "2026-01-01", territories = "x" });
        Assert.Equal(HttpStatusCode.NotFound, edit.StatusCode);
        Assert.NotEqual("piraté", (await factory.ReloadAsync(b.Id)).Title);
    }

    [Fact]
    public async Task Reader_CannotEdit_ButCanRead()
    {
        var coordinator = await factory.UserAsync();
        var reader = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator), (reader, ContractRole.Reader));
        var pages = await PageClient.SignedInAsync(factory, reader);
        Assert.Equal(HttpStatusCode.OK, (await pages.Http.GetAsync($"/contrats/{c.Id}")).StatusCode);
        var edit = await pages.Http.GetAsync($"/contrats/{c.Id}/modifier");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        Assert.Contains("/compte/acces-refuse", edit.Headers.Location!.OriginalString);
        var api = await factory.ApiClientAsync(reader);
        var status = await api.PostAsJsonAsync($"/api/v1/contracts/{c.Id}/status", new { status = "inSignature" });
        Assert.Equal(HttpStatusCode.Forbidden, status.StatusCode);
    }

    [Fact]
    public async Task Api_WithoutToken_IsUnauthorized()
    {
        var client = factory.CreateClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/v1/contracts")).StatusCode);
    }

    private sealed record ContractRow(Guid Id, string Title);
}
