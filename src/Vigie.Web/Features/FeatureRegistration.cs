using Vigie.Web.Features.Account;
using Vigie.Web.Features.ActionPlan;
using Vigie.Web.Features.Cases;
using Vigie.Web.Features.Contracts;
using Vigie.Web.Features.Diagnostic;
using Vigie.Web.Features.Evaluation;
using Vigie.Web.Features.Governance;
using Vigie.Web.Features.Incidents;
using Vigie.Web.Features.Imports;
using Vigie.Web.Features.Observatory;
using Vigie.Web.Features.Partners;
using Vigie.Web.Features.Survey;
using Vigie.Web.Features.Territories;
using Vigie.Web.Features.Tokens;
using Vigie.Web.Features.VideoProtection;

namespace Vigie.Web.Features;

/// <summary>
/// Composition of the features: one line per feature, each feature registering its own services
/// (<c>Features/&lt;Feature&gt;/&lt;Feature&gt;Registration.cs</c>). The order keeps hosted services and options
/// validation in their historical order (observatory import worker before the plan reminder worker).
/// </summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration) => services
        .AddTerritories(configuration)
        .AddContracts(configuration)
        .AddAccount(configuration)
        .AddImports(configuration)
        .AddObservatory(configuration)
        .AddGovernance(configuration)
        .AddShared(configuration)
        .AddPartners(configuration)
        .AddActionPlan(configuration)
        .AddTokens(configuration)
        .AddCases(configuration)
        .AddIncidents(configuration)
        .AddSurvey(configuration)
        .AddDiagnostic(configuration)
        .AddEvaluation(configuration)
        .AddVideoProtection(configuration);

    public static void MapFeatureApis(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Infrastructure.Policies.Api)
            .RequireRateLimiting(Infrastructure.RateLimits.Api)
            .AddEndpointFilter<Shared.ValidationFilter>()
            .WithApiConventions();
        api.MapTerritoriesApi();
        api.MapPartnersApi();
        api.MapContractsApi();
        api.MapTokensApi();
        api.MapObservatoryApi();
        api.MapGovernanceApi(app);
        api.MapActionPlanApi();
        api.MapCasesApi();
        api.MapIncidentsApi(app);
        api.MapSurveyApi();
        api.MapDiagnosticApi();
        api.MapEvaluationApi();
        api.MapVideoProtectionApi();
    }
}
