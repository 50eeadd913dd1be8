using System.Net;
using Vigie.Tests.ActionPlan;
using Vigie.Tests.Governance;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Data;
using Vigie.Web.Domain;

namespace Vigie.Tests.Security;

/// <summary>
/// Every link a coordinator sees on the main pages of a contract with a plan, a meeting, a partner and an area
/// leads somewhere: each internal <c>&lt;a href&gt;</c> answers 200 (or a deliberate redirect), never 404 or 500,
/// and no anchor is rendered with an empty href (what <c>asp-page</c> produces for a page name or route values
/// that match no page).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class LinkCrawlTests(VigieFactory factory)
{
    [Fact]
    public async Task EveryInternalLinkOnTheMainPages_Answers()
    {
        var s = await factory.SetupAsync();
        var cid = s.Contract.Id;
        var body = await s.BodyAsync();
        var meeting = await s.MeetingAsync(body);
        var agendaItem = await s.AgendaItemAsync(meeting);
        await s.TaskAsync(meeting, agendaItem, TestData.Unique("Tâche"), ownerOrganisationId: s.PartnerOrganisation.Id);
        var plan = $"/api/v1/contracts/{cid}/plan";
        var priority = await s.CoordinatorApi.CreateAsync($"{plan}/items", new { kind = "priority", title = "Axe 1" });
        var action = await s.CoordinatorApi.CreateAsync($"{plan}/items", new { kind = "action", title = "Médiation", parentId = priority });
        await s.CoordinatorApi.CreateAsync($"{plan}/items/{action}/milestones", new { title = "Recrutement", dueOn = "2026-06-30" });
        var area = await factory.WithDb(async db =>
        {
            var a = new Area { ContractId = cid, Kind = AreaKind.Quartier, Name = TestData.Unique("Secteur") };
            db.Areas.Add(a);
            await db.SaveChangesAsync();
            return a.Id;
        });

        var client = await PageClient.SignedInAsync(factory, s.Coordinator);
        string[] mainPages =
        [
            "/", $"/contrats/{cid}", $"/contrats/{cid}/plan", $"/contrats/{cid}/plan/elements/{action}", $"/contrats/{cid}/reunions",
            $"/contrats/{cid}/reunions/{meeting}", $"/contrats/{cid}/instances", $"/contrats/{cid}/instances/{body}", $"/contrats/{cid}/taches",
            $"/contrats/{cid}/secteurs", $"/contrats/{cid}/secteurs/{area}/modifier", "/partenaires", $"/partenaires/{s.PartnerOrganisation.Id}",
            "/mes-taches", "/compte", "/observatoire", $"/contrats/{cid}/observatoire",
        ];

        var links = new SortedSet<string>(StringComparer.Ordinal);
        var problems = new List<string>();
        foreach (var page in mainPages)
        {
            var doc = await client.GetDocumentAsync(page);
            foreach (var a in doc.QuerySelectorAll("a"))
            {
                var href = a.GetAttribute("href");
                if (href is null) continue;
                if (href.Length == 0) { problems.Add($"{page} : lien vide « {a.TextContent.Trim()} »"); continue; }
                if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal)) continue;
                links.Add(WebUtility.HtmlDecode(href).Split('#')[0]);
            }
        }

        // The asp-page links of the plan carry the values they should (no ambient value from the current page).
        Assert.Contains($"/contrats/{cid}/plan/saisie?parent={action}", links);
        Assert.Contains($"/contrats/{cid}/plan/elements/{action}/jalons", links);
        Assert.Contains($"/contrats/{cid}/reunions/{meeting}", links);
        Assert.Contains($"/contrats/{cid}/secteurs/nouveau", links);
        Assert.True(links.Count > 40, $"Seulement {links.Count} liens trouvés :\n" + string.Join("\n", links));

        foreach (var link in links)
        {
            if (link.StartsWith("/api/", StringComparison.Ordinal) || link.StartsWith("/openapi/", StringComparison.Ordinal)) continue;
            var response = await client.Http.GetAsync(link);
            var status = (int)response.StatusCode;
            var login = response.Headers.Location?.OriginalString.StartsWith("/compte/connexion", StringComparison.Ordinal) == true;
            if (status >= 400 || login) problems.Add($"GET {link} → {status} {response.Headers.Location}");
        }
        Assert.True(problems.Count == 0, "Liens cassés :\n" + string.Join("\n", problems));
    }
}
