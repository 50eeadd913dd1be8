using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Vigie.Web.Features.Cases;

/// <summary>The module's services and options (called from FeatureRegistration.AddFeatures).</summary>
public static class CaseRegistration
{
    public static IServiceCollection AddCases(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<CasesOptions>().Bind(configuration.GetSection(CasesOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CasesOptions>, CasesOptionsValidator>();
        services.AddSingleton<CaseCipher>();
        services.AddScoped<CaseAccess>();
        services.AddScoped<CaseAudit>();
        services.AddScoped<CaseQueries>();
        services.AddScoped<CaseCommands>();
        services.AddScoped<CaseArchive>();
        services.AddScoped<CaseAggregates>();
        services.AddScoped<CaseSessionGuard>();
        services.AddScoped<CaseAlerts>();
        services.AddScoped<CaseRights>();
        services.AddScoped<CaseDocuments>();
        services.AddScoped<CaseNoticeService>();
        services.AddScoped<CaseAuditLog>();
        services.AddScoped<CaseRoles>();
        services.AddSingleton<IAuditRetentionHold, CaseAuditRetention>();
        services.AddScoped<CaseProgrammeService>();
        services.AddScoped<CaseCharterReviewService>();
        // The idle timeout (A9) names the session by its audit digest: keep it on the principal the stamp validator rebuilds.
        services.PostConfigure<Microsoft.AspNetCore.Identity.SecurityStampValidatorOptions>(o =>
        {
            var previous = o.OnRefreshingPrincipal;
            o.OnRefreshingPrincipal = async context =>
            {
                if (previous is not null) await previous(context);
                await DbTicketStore.KeepSessionClaim(context);
            };
        });
        services.Configure<Microsoft.AspNetCore.Mvc.RazorPages.RazorPagesOptions>(o =>
            o.Conventions.AddFolderApplicationModelConvention("/Cases", page => page.Filters.Add(new CaseSessionGuard.PageFilter())));
        services.AddOptions<CaseRetentionOptions>().Bind(configuration.GetSection(CaseRetentionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<JobRuns>(); // shared with the other daily jobs (VideoProtectionRegistration registers it too)
        services.AddSingleton<CaseRetention>();
        services.AddHostedService<CaseRetentionWorker>();
        return services;
    }

    public static void MapCasesApi(this RouteGroupBuilder api) => CasesApi.Map(api);
}

/// <summary>Start-up check of the key file (exists, 32 bytes in Base64; required outside Development/Testing): a bad key stops the start.</summary>
public sealed class CasesOptionsValidator(IHostEnvironment env) : IValidateOptions<CasesOptions>
{
    public ValidateOptionsResult Validate(string? name, CasesOptions options)
    {
        if (options.IdleMinutes is < 1 or > 120) return ValidateOptionsResult.Fail("Cases:IdleMinutes must be between 1 and 120.");
        try
        {
            _ = new CaseCipher(Options.Create(options), env);
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
