using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.Security;

/// <summary>
/// Authorization at the door (issue 10, docs/adr/0003-authorization-model.md): every page and API endpoint whose route
/// names a contract states who may call it, and the door answers 404 / 403 before anything else runs.
/// </summary>
[Collection(AppCollection.Name)]
public sealed class ContractRequirementTests(VigieFactory factory)
{
    /// <summary>
    /// The route parameter that carries a contract id: the one right after a <c>contrats</c>/<c>contracts</c> segment,
    /// or any parameter named <c>contractId</c>. Null when the route is not about one contract.
    /// </summary>
    private static string? ContractParameter(RoutePattern pattern)
    {
        for (var i = 0; i + 1 < pattern.PathSegments.Count; i++)
            if (pattern.PathSegments[i].IsSimple && pattern.PathSegments[i].Parts[0] is RoutePatternLiteralPart { Content: "contrats" or "contracts" }
                && pattern.PathSegments[i + 1].IsSimple && pattern.PathSegments[i + 1].Parts[0] is RoutePatternParameterPart p)
                return p.Name;
        return pattern.GetParameter("contractId")?.Name;
    }

    /// <summary>Routes with a contract id and no statement at the door (requirement, explicit exemption, or anonymous).</summary>
    private static (List<string> Checked, List<string> Undeclared) Audit(EndpointDataSource source)
    {
        var checkedRoutes = new List<string>();
        var undeclared = new List<string>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            if (ContractParameter(endpoint.RoutePattern) is null) continue;
            var name = $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{endpoint.RoutePattern.RawText?.TrimStart('/')}";
            checkedRoutes.Add(name);
            var declared = endpoint.Metadata.GetMetadata<ContractRequirementAttribute>() is not null
                || endpoint.Metadata.GetMetadata<NoContractRequirementAttribute>() is not null
                || endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            if (!declared) undeclared.Add(name);
        }
        return (checkedRoutes, undeclared);
    }

    [Fact]
    public void EveryPageAndApiEndpointWithAContractId_DeclaresItsRequirement()
    {
        var (checkedRoutes, undeclared) = Audit(factory.Services.GetRequiredService<EndpointDataSource>());
        // The sweep really sees the app: contract pages and API endpoints of every feature.
        Assert.Contains(checkedRoutes, r => r.EndsWith("/contrats/{id:guid}", StringComparison.Ordinal));
        Assert.Contains(checkedRoutes, r => r.Contains("/contrats/{contractId:guid}/secteurs", StringComparison.Ordinal));
        Assert.Contains(checkedRoutes, r => r.Contains("api/v1/contracts/{id:guid}/plan/items", StringComparison.Ordinal));
        Assert.Contains(checkedRoutes, r => r.Contains("api/v1/contracts/{id:guid}/meetings", StringComparison.Ordinal));
        Assert.True(checkedRoutes.Count > 80, $"only {checkedRoutes.Count} contract routes found");
        Assert.True(undeclared.Count == 0, "Routes naming a contract without [ContractRequirement]/.RequireContract(...) "
            + "(or [NoContractRequirement(\"why\")] / AllowAnonymous):\n" + string.Join("\n", undeclared));
    }

    [Fact]
    public void ANewEndpointWithoutARequirement_FailsTheSweep()
    {
        static RouteEndpoint Probe(string pattern, params object[] metadata) => new(_ => Task.CompletedTask, RoutePatternFactory.Parse(pattern), 0,
            new EndpointMetadataCollection([new HttpMethodMetadata(["GET"]), .. metadata]), pattern);
        var source = new CompositeEndpointDataSource([factory.Services.GetRequiredService<EndpointDataSource>(), new DefaultEndpointDataSource(
            Probe("/contrats/{id:guid}/nouvelle-page"),
            Probe("/api/v1/contracts/{id:guid}/gadgets"),
            Probe("/contrats/{contractId:guid}/secteurs/{id:guid}/carte"),
            Probe("/contrats/{id:guid}/declaree", new ContractRequirementAttribute(ContractRole.Reader)),
            Probe("/partenaires/{id:guid}/autre"))]);
        var (_, undeclared) = Audit(source);
        Assert.Equal(["GET /contrats/{id:guid}/nouvelle-page", "GET /api/v1/contracts/{id:guid}/gadgets", "GET /contrats/{contractId:guid}/secteurs/{id:guid}/carte"],
            undeclared);
    }

    [Fact]
    public void TheDoorStatesTheRoleEachPageNeeds()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        ContractRole? Minimum(string raw) => endpoints.Single(e => e.RoutePattern.RawText?.TrimStart('/') == raw.TrimStart('/'))
            .Metadata.GetOrderedMetadata<ContractRequirementAttribute>().Max(a => (ContractRole?)a.Minimum);
        Assert.Equal(ContractRole.Reader, Minimum("/contrats/{id:guid}"));
        Assert.Equal(ContractRole.Coordinator, Minimum("/contrats/{id:guid}/modifier"));
        Assert.Equal(ContractRole.Coordinator, Minimum("/contrats/{id:guid}/reunions/nouvelle"));
        Assert.Equal(ContractRole.PartnerMember, Minimum("/contrats/{id:guid}/observatoire/series/import"));
        Assert.Equal(ContractRole.Coordinator, Minimum("/contrats/{contractId:guid}/secteurs/{id:guid}/modifier"));
    }

    [Fact]
    public async Task AContractNotVisible_Answers404AtTheDoor_BeforeTheBodyIsValidated()
    {
        var outsider = await factory.UserAsync();
        var owner = await factory.UserAsync();
        var b = await factory.ContractAsync((owner, ContractRole.Coordinator));

        // The coordinator's invalid body is refused by validation (400): the body is invalid.
        var ownerApi = await factory.ApiClientAsync(owner);
        Assert.Equal(HttpStatusCode.BadRequest, (await ownerApi.PostAsJsonAsync($"/api/v1/contracts/{b.Id}/plan/items", new { })).StatusCode);

        // Someone who cannot see the contract gets 404 (problem+json in French) whatever the body: the door answers first
        // (before issue 10 the validation filter ran first and answered 400).
        var api = await factory.ApiClientAsync(outsider);
        var r = await api.PostAsJsonAsync($"/api/v1/contracts/{b.Id}/plan/items", new { });
        Assert.Equal(HttpStatusCode.NotFound, r.StatusCode);
        Assert.Equal("application/problem+json", r.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Introuvable", await r.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/contracts/{b.Id}/meetings", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.PostAsJsonAsync($"/api/v1/contracts/{Guid.NewGuid()}/plan/items", new { })).StatusCode);
    }

    [Fact]
    public async Task AnInsufficientRole_Answers403AtTheDoor_OnPages()
    {
        var coordinator = await factory.UserAsync();
        var member = await factory.UserAsync();
        var c = await factory.ContractAsync((coordinator, ContractRole.Coordinator), (member, ContractRole.PartnerMember));
        var pages = await PageClient.SignedInAsync(factory, member);
        // An area that does not exist: the door refuses the role before the page looks for the area.
        var r = await pages.Http.GetAsync($"/contrats/{c.Id}/secteurs/{Guid.NewGuid()}/modifier");
        Assert.Equal(HttpStatusCode.Redirect, r.StatusCode);
        Assert.Contains("/compte/acces-refuse", r.Headers.Location!.OriginalString);
        Assert.Equal(HttpStatusCode.NotFound, (await pages.Http.GetAsync($"/contrats/{Guid.NewGuid()}/secteurs/{Guid.NewGuid()}/modifier")).StatusCode);
    }
}
