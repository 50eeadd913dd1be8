namespace Vigie.Web.Features.VideoProtection;

/// <summary>The video-protection register and its ethics committee (issue 15, docs/adr/0017-video-protection.md).</summary>
public static class VideoProtectionRegistration
{
    public static IServiceCollection AddVideoProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<VideoDailyJobOptions>().Bind(configuration.GetSection(VideoDailyJobOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<JobRuns>();
        services.AddScoped<VideoCommands>();
        services.AddScoped<VideoQueries>();
        services.AddScoped<VideoAlertCommands>();
        services.AddSingleton<VideoDailyJob>();
        services.AddHostedService<VideoDailyWorker>();
        services.AddScoped<IEvaluationSection, Evaluation.Sections.VideoEvaluationSection>();
        return services;
    }

    public static void MapVideoProtectionApi(this RouteGroupBuilder api)
    {
        VideoApi.Map(api);
        VideoAlertsApi.Map(api);
    }
}
