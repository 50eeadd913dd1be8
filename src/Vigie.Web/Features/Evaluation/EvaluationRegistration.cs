using Vigie.Web.Features.Evaluation.Sections;

namespace Vigie.Web.Features.Evaluation;

/// <summary>Evaluation (issue 15): evaluations and bilans, their computed report and PDF, report sections, renewal carry-over.</summary>
public static class EvaluationRegistration
{
    public static IServiceCollection AddEvaluation(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<EvaluationReportBuilder>();
        services.AddScoped<EvaluationQueries>();
        services.AddScoped<EvaluationVersions>();
        services.AddScoped<EvaluationCommands>();
        services.AddScoped<RecommendationDrafts>();
        services.AddScoped<PlanLineage>();
        services.AddScoped<IRenewalCarryOver, RenewalCarryOver>();
        services.AddScoped<IEvaluationSection, DiagnosticEvaluationSection>();
        services.AddScoped<IEvaluationSection, IncidentsEvaluationSection>();
        services.AddScoped<IEvaluationSection, CasesEvaluationSection>();
        services.AddScoped<IEvaluationSection, ObservatoryEvaluationSection>();
        services.AddScoped<IEvaluationSection, SurveyEvaluationSection>();
        return services;
    }

    public static void MapEvaluationApi(this RouteGroupBuilder api) => EvaluationApi.Map(api);
}
