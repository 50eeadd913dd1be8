namespace Vigie.Web.Features.Diagnostic;

/// <summary>Diagnostic local de sécurité (issue 12): documents, sources, findings → priorities, drafts, versions.</summary>
public static class DiagnosticRegistration
{
    public static IServiceCollection AddDiagnostic(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<DiagnosticFigures>();
        services.AddScoped<DiagnosticDrafts>();
        services.AddScoped<DiagnosticQueries>();
        services.AddScoped<DiagnosticCommands>();
        return services;
    }

    public static void MapDiagnosticApi(this RouteGroupBuilder api) => DiagnosticApi.Map(api);
}
