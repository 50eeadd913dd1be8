using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Vigie.Web.Features.Imports;

namespace Vigie.Web.Features.Survey;

/// <summary>The public-tranquillity survey (issue 12, specs §2, ADR 0013).</summary>
public static class SurveyRegistration
{
    public static IServiceCollection AddSurvey(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SurveyOptions>().Bind(configuration.GetSection(SurveyOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        // The public answer pages: only answers (POST) count, per client address.
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<SurveyOptions>>((o, survey) =>
            o.AddPolicy(SurveyOnline.RateLimit, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(context.Connection.RemoteIpAddress?.ToString() ?? "?",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = survey.Value.AnswersPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read")));
        services.AddScoped<SurveyQueries>();
        services.AddScoped<SurveyCommands>();
        services.AddScoped<SurveyImporter>();
        services.AddScoped<SurveyCensus>();
        services.AddScoped<SurveyResponsesExport>();
        services.AddScoped<SurveyOnline>();
        services.AddScoped<SurveyAgentEntry>();
        services.AddScoped<ISurveyResultsForDiagnostic, SurveyResultsForDiagnostic>();
        services.AddScoped<ISurveyIndicatorSource, SurveyIndicatorSource>();
        services.AddSingleton<IImportJobRunner, SurveyJobRunner>();
        return services;
    }

    public static void MapSurveyApi(this RouteGroupBuilder api) => SurveyApi.Map(api);
}
