namespace Vigie.Web.Features.ActionPlan;

/// <summary>Action plan: record-family commands, queries, transfer, and the reminder worker.</summary>
public static class ActionPlanRegistration
{
    public static IServiceCollection AddActionPlan(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<PlanHistory>();
        services.AddScoped<PlanCommandKit>();
        services.AddScoped<PlanItemCommands>();
        services.AddScoped<CommitmentCommands>();
        services.AddScoped<MilestoneCommands>();
        services.AddScoped<BudgetCommands>();
        services.AddScoped<IndicatorCommands>();
        services.AddScoped<PlanSettingsCommands>();
        services.AddScoped<PlanQueries>();
        services.AddScoped<PlanExport>();
        services.AddScoped<PlanImport>();
        services.AddOptions<PlanReminderOptions>().Bind(configuration.GetSection(PlanReminderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PlanReminders>();
        services.AddHostedService<PlanReminderWorker>();
        return services;
    }

    public static void MapActionPlanApi(this RouteGroupBuilder api)
    {
        PlanApi.Map(api);
    }
}
