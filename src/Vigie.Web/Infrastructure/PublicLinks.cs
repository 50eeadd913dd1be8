using Microsoft.Extensions.Options;

namespace Vigie.Web.Infrastructure;

/// <summary>The app's public address (<c>App:PublicBaseUrl</c>), the only origin of every absolute link Vigie produces.</summary>
public sealed class PublicAddressOptions
{
    public const string Section = "App";
    public const string DevelopmentDefault = "http://localhost:5080";

    /// <summary>Absolute http(s) origin users reach the app at, e.g. <c>https://vigie.example.fr</c>; no path, query or fragment.</summary>
    public string? PublicBaseUrl { get; set; }
}

/// <summary>
/// Builds absolute links for e-mails, iCalendar and feed addresses. Links are never built from the request's
/// Host header: a forged Host would otherwise put an attacker's site in a password-reset mail.
/// </summary>
public sealed class PublicLinks(IOptions<PublicAddressOptions> options, LinkGenerator linkGenerator)
{
    /// <summary>The configured origin, without trailing slash.</summary>
    public string BaseUrl { get; } = options.Value.PublicBaseUrl!.TrimEnd('/');

    /// <summary>An absolute link to an app path (which must start with '/').</summary>
    public string To(string path)
    {
        if (!path.StartsWith('/')) throw new ArgumentException("An app path starts with '/'.", nameof(path));
        return BaseUrl + path;
    }

    /// <summary>
    /// An absolute link to a Razor page by its name (e.g. <c>"/Governance/Meeting"</c>) and route values, so that the
    /// French URL lives only in the page's <c>@page</c> directive. Values that are not route parameters become the query.
    /// </summary>
    public string ToPage(string page, object? values = null, string? handler = null) => To(PagePath(page, values, handler));

    /// <summary>The app path of a Razor page (without base address); throws when the page or a required value is unknown.</summary>
    public string PagePath(string page, object? values = null, string? handler = null) =>
        linkGenerator.GetPathByPage(page, handler, values)
        ?? throw new InvalidOperationException($"No route to page {page} with the given values.");

    /// <summary>An absolute link to a named endpoint (<c>WithName</c>) with its route values.</summary>
    public string ToEndpoint(string endpointName, object values) =>
        To(linkGenerator.GetPathByName(endpointName, values) ?? throw new InvalidOperationException($"No route to endpoint {endpointName} with the given values."));

    public static void Register(IServiceCollection services, IConfiguration config, IHostEnvironment env)
    {
        services.AddOptions<PublicAddressOptions>()
            .Bind(config.GetSection(PublicAddressOptions.Section))
            .PostConfigure(o =>
            {
                // Deployments that configured only the former reminder setting keep working.
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl)) o.PublicBaseUrl = config["PlanReminders:BaseUrl"];
                if (string.IsNullOrWhiteSpace(o.PublicBaseUrl) && !env.IsProduction()) o.PublicBaseUrl = PublicAddressOptions.DevelopmentDefault;
            })
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<PublicAddressOptions>>(new Validator());
        services.AddSingleton<PublicLinks>();
    }

    /// <summary>Null when valid, else why not.</summary>
    public static string? Validate(string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
            return "App:PublicBaseUrl is required in production: the public address of the app (e.g. https://vigie.example.fr), used in every e-mailed link.";
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return $"App:PublicBaseUrl « {value} » must be an absolute http(s) address.";
        if (uri.AbsolutePath != "/" || uri.Query.Length > 0 || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
            return $"App:PublicBaseUrl « {value} » must be an origin only (no path, query, fragment or user).";
        return null;
    }

    private sealed class Validator : IValidateOptions<PublicAddressOptions>
    {
        public ValidateOptionsResult Validate(string? name, PublicAddressOptions options) =>
            PublicLinks.Validate(options.PublicBaseUrl) is { } error ? ValidateOptionsResult.Fail(error) : ValidateOptionsResult.Success;
    }
}
