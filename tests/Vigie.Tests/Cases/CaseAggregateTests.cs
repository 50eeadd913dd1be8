using System.Globalization;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Features.Cases;
using Vigie.Web.Features.Evaluation.Sections;
using Vigie.Web.Features.Shared;
using Vigie.Web.Infrastructure;
using static Vigie.Tests.Cases.CaseScenario;

namespace Vigie.Tests.Cases;

/// <summary>
/// Issue 13 item 9: the anonymous aggregates per group and year (7 people in quartier A, aged 12; 2 in quartier B, aged
/// 16), cells under 5 suppressed and the total masked when it would reveal one, shown in the public plenary report
/// (page and PDF), the public evaluation section and the processing register, without any name or code of a sheet.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class CaseAggregateTests(VigieFactory factory)
{
    private static readonly string Young = CaseLabels.AgeBand(CaseAgeBand.From11To13);
    private static readonly string Older = CaseLabels.AgeBand(CaseAgeBand.From16To17);

    [Fact]
    public void Suppress_SevenAndTwo_ShowsSevenHidesTwoAndMasksEveryWayBackToIt()
    {
        IReadOnlyList<(string, int)> bands = [("A", 7), ("B", 2), ("C", 0)];
        IReadOnlyList<(string, int)> closures = [("Fin", 0), (CaseAggregates.OpenLabel, 9)];
        var (total, tables) = CaseAggregates.Suppress(9, [bands, closures]);
        Assert.Null(total);
        Assert.Equal([7, null, null], tables[0].Select(c => c.Count));
        Assert.Equal("< 5", CaseAggregates.Text(tables[0][1]));
        // The closure table's cells add up to the total: masked too, so 9 − 7 cannot be computed.
        Assert.All(tables[1], c => Assert.Null(c.Count));
        Assert.Equal("secret", CaseAggregates.Text(tables[1][1]));

        // Nothing under 5 but empty cells: the total is safe and shown.
        var (safeTotal, safe) = CaseAggregates.Suppress(13, [[("A", 7), ("B", 6), ("C", 0)], [(CaseAggregates.OpenLabel, 13)]]);
        Assert.Equal(13, safeTotal);
        Assert.Equal([7, 6, null], safe[0].Select(c => c.Count));
        // Two suppressed cells holding 5 people or more: no single cell can be isolated, the total stays.
        Assert.Equal(12, CaseAggregates.Suppress(12, [[("A", 7), ("B", 3), ("C", 2)]]).Total);
        // Fewer than 5 people in all: everything suppressed.
        Assert.All(CaseAggregates.Suppress(4, [[("A", 4)]]).Tables[0], c => Assert.Null(c.Count));
    }

    [Fact]
    public async Task GroupWithSevenAndTwo_PublicPlenaryAndEvaluation_ShowSevenAndLessThanFive_NoNameNoCode()
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractAsync((coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        var groups = $"/api/v1/contracts/{contract.Id}/case-groups";
        var groupName = TestData.Unique("Cellule agrégats");
        var groupId = await api.CreateAsync(groups, new { name = groupName, kind = "watchCell", coordinatorInstitution = "municipalService" });
        await Ok(api.PostAsJsonAsync($"{groups}/{groupId}/charter/signature", new { acceptedClauses = AllClauses }));
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow(), Culture.Paris).DateTime);
        var surnames = new List<string>();
        var quartierA = TestData.Unique("Quartier A");
        var quartierB = TestData.Unique("Quartier B");
        var areas = await factory.WithDb(async db =>
        {
            var list = new[] { quartierA, quartierB }.Select(n => new Area { ContractId = contract.Id, Kind = AreaKind.Quartier, Name = n }).ToList();
            db.Areas.AddRange(list);
            await db.SaveChangesAsync();
            return list.Select(a => a.Id).ToList();
        });
        for (var i = 0; i < 9; i++)
        {
            var surname = UniqueName("Agreg");
            surnames.Add(surname);
            var birth = today.AddYears(i < 7 ? -12 : -16).AddDays(-40);
            await api.CreateAsync($"{groups}/{groupId}/sheets", SheetBody(surname, UniqueName("Prenom"), birth: birth, extra: new { areaId = areas[i < 7 ? 0 : 1] }));
        }
        // The quartier is a closed list: another contract's area is refused, naming the field.
        var foreign = await factory.WithDb(db => db.Areas.Where(a => a.ContractId != contract.Id).Select(a => (Guid?)a.Id).FirstOrDefaultAsync()) ?? Guid.NewGuid();
        var refused = await api.PostAsJsonAsync($"{groups}/{groupId}/sheets", SheetBody(UniqueName("Agreg"), UniqueName("Prenom"), extra: new { areaId = foreign }));
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("areaId", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var codes = await factory.WithDb(db => db.CaseSheets.Where(s => s.GroupId == groupId).Select(s => s.Code).ToListAsync());
        Assert.Equal(9, codes.Count);
        await factory.WithDb(async db =>
        {
            (await db.Contracts.FindAsync(contract.Id))!.IsPublished = true;
            return await db.SaveChangesAsync();
        });

        var anonymous = PageClient.Create(factory);
        var year = today.Year.ToString(CultureInfo.InvariantCulture);
        var url = $"/public/contrats/{contract.Id}/bilan?du={year}-01-01&au={year}-12-31";
        var doc = await anonymous.GetDocumentAsync(url);
        var rows = doc.QuerySelectorAll("table tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Contains(rows, r => r.SequenceEqual([groupName, year, Young, "7"]));
        Assert.Contains(rows, r => r.SequenceEqual([groupName, year, Older, "< 5"]));
        Assert.Contains(rows, r => r.SequenceEqual([groupName, year, quartierA, "7"]));
        Assert.Contains(rows, r => r.SequenceEqual([groupName, year, quartierB, "< 5"]));
        Assert.DoesNotContain(rows, r => r.Count > 0 && r[0] == groupName && r[^1] == "2");
        // The total (9) would give 9 − 7 = 2: masked, and so is the closure table whose cells add up to it.
        Assert.Contains(rows, r => r.SequenceEqual([groupName, year, "secret"]));
        Assert.Contains(rows, r => r.SequenceEqual([groupName, year, CaseAggregates.OpenLabel, "secret"]));
        Assert.DoesNotContain(rows, r => r.Count > 0 && r[0] == groupName && r[^1] == "9");
        var html = doc.DocumentElement.OuterHtml;
        Assert.All(surnames.Concat(codes), s => Assert.DoesNotContain(s, html, StringComparison.OrdinalIgnoreCase));

        var pdf = await PdfText.FlatAsync(await factory.CreateClient().GetByteArrayAsync(url.Replace("bilan?", "bilan?handler=Pdf&", StringComparison.Ordinal)));
        Assert.Contains("Le suivi individuel en chiffres anonymes", pdf, StringComparison.Ordinal);
        Assert.Contains(Young, pdf, StringComparison.Ordinal);
        Assert.All(surnames.Concat(codes), s => Assert.DoesNotContain(s, pdf, StringComparison.OrdinalIgnoreCase));

        // The evaluation's public version carries the same tables.
        EvaluationSectionContent? section = null;
        await factory.WithScope(async sp => section = await sp.GetServices<IEvaluationSection>().OfType<CasesEvaluationSection>().Single()
            .BuildAsync(new EvaluationSectionContext(contract.Id, new DateOnly(today.Year, 1, 1), new DateOnly(today.Year, 12, 31),
                new Entitlement(false, false, new HashSet<Guid>()), IsPublic: true, today), CancellationToken.None));
        Assert.NotNull(section);
        var cells = section!.Tables.SelectMany(t => t.Rows).ToList();
        Assert.Contains(cells, r => r.SequenceEqual([groupName, year, Young, "7"]));
        Assert.Contains(cells, r => r.SequenceEqual([groupName, year, Older, "< 5"]));
        Assert.Contains(cells, r => r.SequenceEqual([groupName, year, "secret"]));
        Assert.Contains(cells, r => r.SequenceEqual([groupName, year, quartierA, "7"]));
        Assert.Contains(cells, r => r.SequenceEqual([groupName, year, quartierB, "< 5"]));

        // The members' processing register: the same suppression over the whole contract.
        var register = await api.GetFromJsonAsync<System.Text.Json.JsonElement>($"/api/v1/contracts/{contract.Id}/case-groups/register");
        // The same per group and year blocks as the reports: an all-years block would reveal a report's "< 5" by difference.
        var aggregates = Assert.Single(register.GetProperty("aggregates").EnumerateArray().ToList());
        Assert.Equal(int.Parse(year, System.Globalization.CultureInfo.InvariantCulture), aggregates.GetProperty("year").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, aggregates.GetProperty("total").ValueKind);
        var quartiers = aggregates.GetProperty("tables").EnumerateArray().Single(t => t.GetProperty("dimension").GetString() == "Quartier").GetProperty("cells").EnumerateArray().ToList();
        Assert.Equal(7, quartiers.Single(c => c.GetProperty("label").GetString() == quartierA).GetProperty("count").GetInt32());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, quartiers.Single(c => c.GetProperty("label").GetString() == quartierB).GetProperty("count").ValueKind);
        Assert.DoesNotContain(aggregates.GetProperty("tables").EnumerateArray().SelectMany(t => t.GetProperty("cells").EnumerateArray()),
            c => c.GetProperty("count").ValueKind == System.Text.Json.JsonValueKind.Number && c.GetProperty("count").GetInt32() is 2 or 9);
        var registerPage = await (await PageClient.SignedInAsync(factory, coordinator)).GetDocumentAsync($"/contrats/{contract.Id}/suivis/registre");
        var registerRows = registerPage.QuerySelectorAll("table tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent.Trim()).ToList()).ToList();
        Assert.Contains(registerRows, r => r.SequenceEqual([groupName, year, quartierA, "7"]));
        Assert.Contains(registerRows, r => r.SequenceEqual([groupName, year, quartierB, "< 5"]));
        Assert.All(cells.SelectMany(r => r), c => Assert.DoesNotContain(c, surnames.Concat(codes)));
    }
}
