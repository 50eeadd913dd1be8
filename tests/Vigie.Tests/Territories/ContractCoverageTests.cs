using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Contracts;
using Vigie.Tests.Infrastructure;
using Vigie.Tests.Observatory;
using Vigie.Web.Domain;
using Vigie.Web.Features.Territories;

namespace Vigie.Tests.Territories;

/// <summary>
/// The membership rule and the SSMSI statistical units of a contract (ADR 0009), over the real INSEE/DGCL
/// geography: one row per case, each asserting what is covered, what is not, and which codes the observatory sums.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ContractCoverageTests(VigieFactory factory)
{
    /// <summary>
    /// One case: the contract's territory, codes it must cover / must not cover, the statistical units expected
    /// exactly (when listed), units that must / must not appear, and the expected sizes when the sets are large.
    /// </summary>
    public sealed record Case(
        (TerritoryKind Kind, string Code)[] Territory,
        string[] Covered,
        string[] NotCovered,
        string[]? ExactUnits = null,
        string[]? Units = null,
        string[]? NotUnits = null,
        int? CoveredCount = null,
        int? UnitCount = null);

    private static string[] Range(string prefix, int from, int to) =>
        Enumerable.Range(from, to - from + 1).Select(i => prefix + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static readonly string[] ParisArrondissements = Range("751", 1, 20);
    private static readonly string[] LyonArrondissements = Enumerable.Range(1, 9).Select(i => $"6938{i}").ToArray();
    private static readonly string[] MarseilleArrondissements = Range("132", 1, 16);

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Paris, Lyon, Marseille: the city covers its arrondissements; SSMSI publishes the arrondissements only.
        ["Paris"] = new([(TerritoryKind.Commune, "75056")], [.. ParisArrondissements, "75056"], ["92062"],
            ExactUnits: ParisArrondissements, CoveredCount: 21),
        ["Paris 13e"] = new([(TerritoryKind.Arrondissement, "75113")], ["75113"], ["75056", "75114"], ExactUnits: ["75113"], CoveredCount: 1),
        ["Lyon"] = new([(TerritoryKind.Commune, "69123")], [.. LyonArrondissements, "69123"], ["69266"],
            ExactUnits: LyonArrondissements, CoveredCount: 10),
        ["Lyon 3e"] = new([(TerritoryKind.Arrondissement, "69383")], ["69383"], ["69123", "69381"], ExactUnits: ["69383"], CoveredCount: 1),
        ["Marseille"] = new([(TerritoryKind.Commune, "13055")], [.. MarseilleArrondissements, "13055"], ["13001"],
            ExactUnits: MarseilleArrondissements, CoveredCount: 17),
        // Lille and its communes associées Lomme and Hellemmes-Lille: covered with Lille, counted in Lille by SSMSI.
        ["Lille"] = new([(TerritoryKind.Commune, "59350")], ["59350", "59355", "59298"], ["59328"], ExactUnits: ["59350"], CoveredCount: 3),
        // A contract naming the commune associée covers that part only; its figures are its parent's.
        ["Lomme (commune associée)"] = new([(TerritoryKind.AssociatedCommune, "59355")], ["59355"], ["59350", "59298"],
            ExactUnits: ["59350"], CoveredCount: 1),
        // A commune déléguée (Bermeries, in the commune nouvelle Amfroipret 59006): same rule.
        ["Bermeries (commune déléguée)"] = new([(TerritoryKind.DelegatedCommune, "59070")], ["59070"], ["59006"],
            ExactUnits: ["59006"], CoveredCount: 1),
        // EPCI: Métropole européenne de Lille, 95 member communes (DGCL), with Lomme and Hellemmes through Lille.
        ["MEL (EPCI)"] = new([(TerritoryKind.Epci, "200093201")], ["59350", "59355", "59298", "59328", "59512"], ["59183", "62041"],
            Units: ["59350", "59328", "59512"], NotUnits: ["59355", "59298"], UnitCount: 95),
        // EPCI holding a PLM city: Métropole de Lyon, 58 communes of which Lyon is read as its 9 arrondissements.
        ["Métropole de Lyon (EPCI)"] = new([(TerritoryKind.Epci, "200046977")], [.. LyonArrondissements, "69123", "69266", "69091"], ["69264"],
            Units: [.. LyonArrondissements, "69266"], NotUnits: ["69123"], UnitCount: 57 + 9),
        // EPT of the Grand Paris: Paris Ouest La Défense holds Puteaux.
        ["Paris Ouest La Défense (EPT)"] = new([(TerritoryKind.Ept, "200057982")], ["92062"], ["75056", "92004"], Units: ["92062"]),
        // Département du Rhône: 266 communes and their parts (Lyon's arrondissements, communes déléguées): 301 codes.
        ["Rhône (département)"] = new([(TerritoryKind.Departement, "69")], [.. LyonArrondissements, "69123", "69266", "69091"], ["75056", "01001"],
            Units: ["69381", "69091"], NotUnits: ["69123"], CoveredCount: 301, UnitCount: 266 - 1 + 9),
        // Région Hauts-de-France: 3 782 communes and their parts (3 861 codes), Lomme included.
        ["Hauts-de-France (région)"] = new([(TerritoryKind.Region, "32")], ["59350", "59355", "62041", "80021"], ["75056", "69123"],
            Units: ["59350", "62041"], NotUnits: ["59355"], CoveredCount: 3861, UnitCount: 3782),
        // Two entries that overlap: the union, each code once.
        ["Lille + Lomme"] = new([(TerritoryKind.Commune, "59350"), (TerritoryKind.AssociatedCommune, "59355")], ["59350", "59355", "59298"], [],
            ExactUnits: ["59350"], CoveredCount: 3),
    };

    public static TheoryData<string> CaseNames => new(Cases.Keys);

    private async Task<Coverage> CoverageAsync(Guid contractId)
    {
        Coverage? coverage = null;
        await factory.WithScope(async sp => coverage = await sp.GetRequiredService<ContractCoverage>().OfContractAsync(contractId));
        return coverage!;
    }

    private async Task<bool> InContractAsync(Guid contractId, string code)
    {
        var inside = false;
        await factory.WithScope(async sp => inside = await sp.GetRequiredService<ContractCoverage>().CommuneInContractAsync(contractId, code));
        return inside;
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Coverage_OfRealTerritory_MatchesTheRule(string name)
    {
        var c = Cases[name];
        var contract = await factory.ContractOnAsync(c.Territory);

        var coverage = await CoverageAsync(contract.Id);
        var units = coverage.StatisticalUnits.Select(u => u.Code).ToList();

        foreach (var code in c.Covered) Assert.True(coverage.Covers(code), $"{name} should cover {code}");
        foreach (var code in c.NotCovered) Assert.False(coverage.Covers(code), $"{name} should not cover {code}");
        if (c.CoveredCount is { } covered) Assert.Equal(covered, coverage.Communes.Count);
        if (c.ExactUnits is { } exact) Assert.Equal(exact.Order(StringComparer.Ordinal), units);
        foreach (var code in c.Units ?? []) Assert.Contains(code, units);
        foreach (var code in c.NotUnits ?? []) Assert.DoesNotContain(code, units);
        if (c.UnitCount is { } count) Assert.Equal(count, units.Count);
        // Every statistical unit is a covered commune or the parent of a covered part; units are ordered and distinct.
        Assert.All(units, u => Assert.True(coverage.Covers(u) || coverage.Parts.Any(p => p.ParentCode == u), $"{u} comes from nowhere"));
        Assert.Equal(units.Order(StringComparer.Ordinal).Distinct(), units);

        // The sub-area rule answers from the same coverage.
        Assert.True(await InContractAsync(contract.Id, c.Covered[0]));
        if (c.NotCovered.Length > 0) Assert.False(await InContractAsync(contract.Id, c.NotCovered[0]));
    }

    [Fact]
    public async Task Coverage_AfterAmendmentAddingACommune_CoversItAndTheRenewalKeepsIt()
    {
        var coordinator = await factory.UserAsync();
        var contract = await factory.ContractOnAsync([(TerritoryKind.Commune, "59350")], (coordinator, ContractRole.Coordinator));
        var api = await factory.ApiClientAsync(coordinator);
        await factory.SignAsync(api, contract.Id);
        Assert.False((await CoverageAsync(contract.Id)).Covers("59328"));

        var amendment = await api.PostAsJsonAsync($"/api/v1/contracts/{contract.Id}/amendments",
            new { title = "Extension à Lambersart", effectiveDate = "2026-01-01", description = "Le contrat s'étend à Lambersart.", addedTerritories = "59328" });
        Assert.Equal(HttpStatusCode.Created, amendment.StatusCode);

        var coverage = await CoverageAsync(contract.Id);
        Assert.True(coverage.Covers("59328"));
        Assert.True(coverage.Covers("59355"));
        Assert.Equal(["59328", "59350"], coverage.StatisticalUnits.Select(u => u.Code));

        // The next generation starts from the territory in force, avenants included.
        var renewal = await api.PostAsync($"/api/v1/contracts/{contract.Id}/renewal", null);
        Assert.Equal(HttpStatusCode.Created, renewal.StatusCode);
        var renewedId = (await renewal.Content.ReadFromJsonAsync<IdDto>())!.Id;
        Assert.Equal(["59328", "59350"], (await CoverageAsync(renewedId)).StatisticalUnits.Select(u => u.Code));
    }

    // ---- where an old copy was wrong: a région expanded to nothing in the observatory and the partner series ----

    [Fact]
    public async Task ContractObservatory_OnARegion_SumsItsCommunes()
    {
        // Before ContractCoverage the observatory read a région contract as no commune at all: an empty table.
        var data = await factory.EnsureObservatoryAsync();
        var member = await factory.UserAsync();
        var contract = await factory.ContractOnAsync([(TerritoryKind.Region, "11")], (member, ContractRole.Coordinator));
        var page = await PageClient.SignedInAsync(factory, member);

        var doc = await page.GetDocumentAsync($"/contrats/{contract.Id}/observatoire?annee=2024&edition={data.EditionText}");

        // The seeded edition holds one commune row of Île-de-France: Paris 13e, 436 burglaries in 2024.
        var burglaries = doc.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("Cambriolages", StringComparison.Ordinal));
        Assert.Contains("436", burglaries.TextContent);
    }

    [Fact]
    public async Task PartnerSeriesImport_OnARegionContract_AcceptsOneOfItsCommunes()
    {
        // Before ContractCoverage the partner series import rejected every commune of a région contract.
        var partnerOrg = await factory.OrganisationAsync(type: PartnerType.BailleurSocial);
        var partner = await factory.UserAsync(partnerOrg.Id);
        var contract = await factory.ContractOnAsync([(TerritoryKind.Region, "32")], (partner, ContractRole.PartnerMember));
        var api = await factory.ApiClientAsync(partner);

        var response = await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports",
            PartnerSeriesKit.Csv("serie;source;unite;periode;territoire;valeur\nHalls dégradés;bailleur;faits;2024;59355;4\nHalls dégradés;bailleur;faits;2024;75113;2\n"));

        // Lomme is in the région and accepted; Paris 13e is not, and the whole file is refused with that one line named.
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("75113", body);
        Assert.DoesNotContain("59355", body);
        var ok = await api.PostAsync($"/api/v1/contracts/{contract.Id}/series/imports",
            PartnerSeriesKit.Csv("serie;source;unite;periode;territoire;valeur\nHalls dégradés;bailleur;faits;2024;59355;4\n"));
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        Assert.Equal(1, await PartnerSeriesKit.ValueCountAsync(factory, contract.Id));
    }

    private sealed record IdDto(Guid Id);
}
