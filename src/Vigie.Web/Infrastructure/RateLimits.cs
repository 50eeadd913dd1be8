using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Vigie.Web.Infrastructure;

public sealed class RateLimitOptions
{
    public const string Section = "RateLimits";
    /// <summary>Login (and password-reset) attempts per client address per minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:LoginPerMinute must be between {1} and {2}.")]
    public int LoginPerMinute { get; set; } = 10;
    /// <summary>Login attempts per account (e-mail typed) per minute, whatever the address.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:LoginPerAccountPerMinute must be between {1} and {2}.")]
    public int LoginPerAccountPerMinute { get; set; } = 10;
    /// <summary>API calls per token (or address) per minute.</summary>
    [Range(1, 1_000_000, ErrorMessage = "RateLimits:ApiPerMinute must be between {1} and {2}.")]
    public int ApiPerMinute { get; set; } = 600;
}

public static class RateLimits
{
    public const string Login = "login";
    public const string Api = "api";

    public static IServiceCollection AddVigieRateLimits(this IServiceCollection services, IConfiguration configuration)
    {
        // Validated at start-up too (a zero or negative limit would only fail at the first request).
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        var o = configuration.GetSection(RateLimitOptions.Section).Get<RateLimitOptions>() ?? new RateLimitOptions();
        services.AddSingleton(new LoginAccountLimiter(o.LoginPerAccountPerMinute));
        services.AddRateLimiter(options =>
        {
            options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Only attempts (POST) count: showing the form must not use up a user's tries.
            options.AddPolicy(Login, context => HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "?",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = o.LoginPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("read"));
            options.AddPolicy(Api, context => RateLimitPartition.GetFixedWindowLimiter(
                context.Request.Headers.Authorization.ToString() is { Length: > 0 } auth ? AccessTokenAuthentication.Hash(auth) : context.Connection.RemoteIpAddress?.ToString() ?? "?",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = o.ApiPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            options.OnRejected = async (ctx, ct) =>
            {
                // Clients (and generated ones) wait as told: the fixed window's remaining time, a minute when unknown.
                var retryAfter = ctx.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)) : 60;
                ctx.HttpContext.Response.Headers.RetryAfter = retryAfter.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (ctx.HttpContext.Request.Path.StartsWithSegments("/api"))
                {
                    await TypedResultsProblem.Write(ctx.HttpContext, StatusCodes.Status429TooManyRequests,
                        "Trop de requêtes", "Trop de requêtes : réessayez dans une minute.");
                }
                else
                {
                    ctx.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                    await ctx.HttpContext.Response.WriteAsync("Trop de tentatives : réessayez dans une minute.", ct);
                }
            };
        });
        return services;
    }
}

internal static class TypedResultsProblem
{
    public static async Task Write(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        await Results.Problem(title: title, detail: detail, statusCode: status).ExecuteAsync(context);
    }
}

/// <summary>
/// Per-account login budget (the form's e-mail, normalised). The per-address policy alone lets a botnet spread
/// guesses over many addresses; Identity's lockout then locks the victim out, this slows the guesses first.
/// </summary>
public sealed class LoginAccountLimiter(int perMinute) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(email =>
        RateLimitPartition.GetFixedWindowLimiter(email, _ => new FixedWindowRateLimiterOptions { PermitLimit = perMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    public RateLimitLease Attempt(string? email) => _limiter.AttemptAcquire((email ?? "").Trim().ToUpperInvariant());

    public void Dispose() => _limiter.Dispose();
}
