using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.Contracts;

/// <summary>
/// A planned signature date on contracts (issue 11 C): kept before signature, shown on the contract's page, refused in
/// French when it makes no sense; historic (1998) and future (2030) contracts alike.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class PlannedSignatureTests(VigieFactory factory)
{
    [Theory]
    [InlineData("1998-01-01", "2001-12-31", "1997-11-20", "20/11/1997")]
    [InlineData("2030-01-01", "2033-12-31", "2030-03-15", "15/03/2030")]
    public async Task Contract_WithPlannedSignatureDate_IsSavedAndShown(string start, string end, string planned, string shown)
    {
        var creator = await factory.UserAsync(null, Roles.ContractCreator);
        var commune = await factory.CommuneAsync();
        var api = await factory.ApiClientAsync(creator);

        var id = await (await api.PostAsJsonAsync("/api/v1/contracts", new
        {
            title = TestData.Unique("CLS"), kind = "cls", startDate = start, endDate = end, territories = commune.Code, plannedSignatureDate = planned,
        })).CreatedIdAsync();
        var detail = await api.GetFromJsonAsync<JsonElement>($"/api/v1/contracts/{id}");
        var page = await PageClient.SignedInAsync(factory, creator);
        var text = (await page.GetDocumentAsync($"/contrats/{id}")).Body!.TextContent;

        Assert.Equal(planned, detail.GetProperty("plannedSignatureDate").GetString());
        Assert.Contains($"prévue le {shown} (pas encore signé)", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlannedSignatureDate_AfterTheContractsEnd_IsRefusedInFrench_AndNothingSaved()
    {
        var creator = await factory.UserAsync(null, Roles.ContractCreator);
        var commune = await factory.CommuneAsync();
        var api = await factory.ApiClientAsync(creator);
        var title = TestData.Unique("CLS");

        var response = await api.PostAsJsonAsync("/api/v1/contracts", new
        {
            title, kind = "cls", startDate = "2026-01-01", endDate = "2029-12-31", territories = commune.Code, plannedSignatureDate = "2031-01-01",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Contains("La date de signature prévue", errors.GetProperty("plannedSignatureDate")[0].GetString(), StringComparison.Ordinal);
        Assert.False(await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.AnyAsync(db.Contracts, c => c.Title == title)));
    }

    [Fact]
    public async Task EditPage_ChangesThePlannedSignatureDate()
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var page = await PageClient.SignedInAsync(factory, coordinator);
        var edit = $"/contrats/{contract.Id}/modifier";
        var doc = await page.GetDocumentAsync(edit);
        var fields = doc.QuerySelectorAll("form[method=post] input[name^='Input.'], form[method=post] textarea[name^='Input.'], form[method=post] select[name^='Input.']")
            .Where(e => e.GetAttribute("type") != "checkbox")
            .ToDictionary(e => e.GetAttribute("name")!, e => (e is AngleSharp.Html.Dom.IHtmlSelectElement s ? s.Value : e is AngleSharp.Html.Dom.IHtmlTextAreaElement t ? t.Value : e.GetAttribute("value")) ?? "");
        fields["Input.PlannedSignatureDate"] = "2025-02-14";

        var saved = await page.PostFormAsync(edit, fields);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(new DateOnly(2025, 2, 14), await factory.WithDb(db => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            db.Contracts.Where(c => c.Id == contract.Id).Select(c => c.PlannedSignatureDate))));
    }
}
