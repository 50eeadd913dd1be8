namespace Vigie.Web.Features;

/// <summary>The one place where features add their services and their API groups.</summary>
public static class FeatureRegistration
{
    public static IServiceCollection AddFeatures(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<Territories.GeographyImporter>();
        services.AddScoped<Territories.GeographyWriter>();
        services.AddScoped<Territories.TerritoryQueries>();
        services.AddScoped<Territories.AreaRules>();
        services.AddScoped<Territories.ContractCoverage>();
        services.AddOptions<Territories.GeographyOptions>().Bind(configuration.GetSection(Territories.GeographyOptions.Section)).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<Territories.GeographyOptions>, Territories.GeographyOptions.Validator>();
        services.AddScoped<Contracts.ContractHistory>();
        services.AddScoped<Contracts.ContractCommands>();
        services.AddScoped<Contracts.TerritoryResolver>();
        services.AddScoped<Contracts.ContractQueries>();
        services.AddScoped<Account.AccountMails>();
        Observatory.ObservatoryImportRegistration.AddSsmsiImports(services, configuration);
        services.AddMemoryCache();
        services.AddScoped<Observatory.ObservatoryQueries>();
        services.AddScoped<Observatory.Etat4001Importer>();
        services.AddScoped<Observatory.Etat4001Queries>();
        services.AddScoped<Observatory.PartnerSeriesImporter>();
        services.AddScoped<Observatory.PartnerSeriesQueries>();
        services.AddOptions<Observatory.PartnerSeriesOptions>().Bind(configuration.GetSection(Observatory.PartnerSeriesOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddScoped<Governance.GovernanceAccess>();
        services.AddScoped<Governance.GovernanceQueries>();
        services.AddScoped<Governance.GovernanceCommands>();
        services.AddScoped<Governance.Convocations>();
        services.AddScoped<Governance.CalendarFeeds>();
        services.AddScoped<Contracts.MembershipNotices>();
        services.AddScoped<Governance.MeetingPacks>();
        services.AddScoped<Governance.PlenaryReport>();
        services.AddScoped<ActionPlan.PlanHistory>();
        services.AddScoped<ActionPlan.PlanCommandKit>();
        services.AddScoped<ActionPlan.PlanItemCommands>();
        services.AddScoped<ActionPlan.CommitmentCommands>();
        services.AddScoped<ActionPlan.MilestoneCommands>();
        services.AddScoped<ActionPlan.BudgetCommands>();
        services.AddScoped<ActionPlan.IndicatorCommands>();
        services.AddScoped<ActionPlan.PlanSettingsCommands>();
        services.AddScoped<ActionPlan.PlanQueries>();
        services.AddScoped<ActionPlan.PlanExport>();
        services.AddScoped<ActionPlan.PlanImport>();
        services.AddScoped<Shared.Egress>();
        services.AddScoped<Shared.Declassification>();
        services.AddScoped<Partners.PartnerAccess>();
        services.AddOptions<ActionPlan.PlanReminderOptions>().Bind(configuration.GetSection(ActionPlan.PlanReminderOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ActionPlan.PlanReminders>();
        services.AddHostedService<ActionPlan.PlanReminderWorker>();
        services.AddSingleton<Incidents.CommuneBoundaries>();
        services.AddScoped<Incidents.IncidentLocator>();
        services.AddScoped<Incidents.IncidentCategories>();
        services.AddScoped<Incidents.IncidentRouting>();
        services.AddScoped<Incidents.IncidentQueries>();
        services.AddScoped<Incidents.IncidentCommands>();
        services.AddScoped<Incidents.Open311Service>();
        services.AddScoped<Incidents.WeeklyAgenda>();
        return services;
    }

    public static void MapFeatureApis(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1")
            .RequireAuthorization(Infrastructure.Policies.Api)
            .RequireRateLimiting(Infrastructure.RateLimits.Api)
            .AddEndpointFilter<Shared.ValidationFilter>();
        Territories.TerritoriesApi.Map(api);
        Territories.AreasApi.Map(api);
        Partners.PartnersApi.Map(api);
        Contracts.ContractsApi.Map(api);
        Tokens.TokensApi.Map(api);
        Observatory.ObservatoryImportApi.Map(api);
        Observatory.ObservatoryApi.Map(api);
        Observatory.Etat4001Api.Map(api);
        Observatory.PartnerSeriesApi.Map(api);
        Governance.GovernanceApi.Map(api);
        Governance.GovernanceApi.MapFeed(app);
        ActionPlan.PlanApi.Map(api);
        Incidents.IncidentsApi.Map(api);
        Incidents.Open311Api.Map(app);
    }
}
