namespace Vigie.Web.Features.Account;

/// <summary>Account: the account mails (invitations, password reset).</summary>
public static class AccountRegistration
{
    public static IServiceCollection AddAccount(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddScoped<AccountMails>();
        return services;
    }
}
