using System.Net;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Features.Shared;

namespace Vigie.Tests.Reliability;

/// <summary>
/// Issue 16, hostile input on the pages: a NUL character (U+0000) in an HTML form post never reaches the handler, even a handler
/// that clears its model state (the fiche's quick value form), so PostgreSQL never sees it (its text columns refuse it: a 500).
/// The person lands back on the form page with a French message naming the field, nothing saved. The corpus entries
/// (<c>tests/hostile</c>, target "form") cover the plan item and committee forms; <see cref="NulCharacters"/>'s paths for the API.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class FormNulTests(VigieFactory factory)
{
    [Fact]
    public async Task QuickValueForm_WithANulInItsProvenance_IsSentBackWithTheFieldNamed_AndSavesNoValue()
    {
        var p = await factory.PlanFixtureAsync();
        var item = await p.ItemAsync("priority", "Accueil des victimes");
        var ind = await p.CoordinatorApi.CreateAsync($"{p.Plan}/items/{item}/indicators", new { name = "Victimes reçues", kind = "output", unit = "personnes" });
        var page = $"/contrats/{p.Contract.Id}/plan/elements/{item}";
        var client = await PageClient.SignedInAsync(factory, p.Coordinator);

        var response = await client.PostFormAsync($"{page}?handler=Value&indicatorId={ind}",
            new() { ["Value.NewPeriod"] = "true", ["Value.Period"] = "2025", ["Value.Value"] = "12", ["Value.Provenance"] = "Main\0 courante" }, page);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var back = response.Headers.Location!.OriginalString; // the fiche, its query kept but the handler
        Assert.Equal($"{page}?indicatorId={ind}", back);
        var text = (await client.GetDocumentAsync(back)).Body!.TextContent;
        Assert.Contains(FormNulFilter.Message("Value.Provenance"), text, StringComparison.Ordinal);
        Assert.Equal(0, await factory.WithDb(db => db.PlanIndicatorValues.CountAsync(v => v.IndicatorId == ind)));
        // The same form without the NUL character is saved.
        Assert.Equal(HttpStatusCode.Redirect, (await client.PostFormAsync($"{page}?handler=Value&indicatorId={ind}",
            new() { ["Value.NewPeriod"] = "true", ["Value.Period"] = "2025", ["Value.Value"] = "12", ["Value.Provenance"] = "Main courante" }, page)).StatusCode);
        Assert.Equal(1, await factory.WithDb(db => db.PlanIndicatorValues.CountAsync(v => v.IndicatorId == ind)));
    }

    [Fact]
    public async Task MultipartFormValue_WithANul_IsRefusedTheSameWay()
    {
        var p = await factory.PlanFixtureAsync();
        var client = await PageClient.SignedInAsync(factory, p.Coordinator);
        var page = $"/contrats/{p.Contract.Id}/plan/saisie";
        var before = await factory.WithDb(db => db.PlanItems.CountAsync(i => i.ContractId == p.Contract.Id));
        var content = new MultipartFormDataContent
        {
            { new StringContent("Priority"), "Input.Kind" }, { new StringContent("Axe\0 valide"), "Input.Title" }, { new StringContent("planned"), "Input.Status" },
            { new StringContent("1"), "Input.Weight" },
        };

        var response = await client.PostMultipartAsync(page, content);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(FormNulFilter.Message("Input.Title"), (await client.GetDocumentAsync(page)).Body!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.WithDb(db => db.PlanItems.CountAsync(i => i.ContractId == p.Contract.Id)));
    }

    private sealed record NulProbeLine(string Title, string? Note);
    private sealed record NulProbeBody(string Name, List<NulProbeLine> Lines, Dictionary<string, string> Tags);

    [Fact]
    public void NulCharacters_NamesThePathOfTheFirstNul_AndNothingWhenThereIsNone()
    {
        var clean = new NulProbeBody("Plan", [new("A", null), new("B", "note")], new() { ["k"] = "v" });
        Assert.Null(NulCharacters.FindIn(clean, ""));
        Assert.Null(NulCharacters.FindIn("texte", "q"));
        Assert.Equal("q", NulCharacters.FindIn("a\0b", "q"));
        Assert.Equal("name", NulCharacters.FindIn(clean with { Name = "\0" }, ""));
        Assert.Equal("lines[1].note", NulCharacters.FindIn(clean with { Lines = [new("A", null), new("B", "no\0te")] }, ""));
        Assert.Equal("input.lines[0].title", NulCharacters.FindIn(clean with { Lines = [new("\0", null)] }, "Input"));
        Assert.Equal("tags.k", NulCharacters.FindIn(clean with { Tags = new() { ["k"] = "v\0" } }, ""));
        Assert.Equal("tags", NulCharacters.FindIn(clean with { Tags = new() { ["k\0"] = "v" } }, ""));
    }
}
