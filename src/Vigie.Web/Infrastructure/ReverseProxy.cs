using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so the rate limits would throttle all users
/// together, and the app would believe every request is plain HTTP. <c>X-Forwarded-For</c> / <c>-Proto</c> / <c>-Host</c>
/// are read only when the request comes from a network listed in <c>Proxy:KnownNetworks</c> (CIDR, ';' or ','
/// separated); empty (the default) = the headers are ignored, so a client cannot choose its own address. A forwarded
/// host is believed only when it is one of <c>AllowedHosts</c>. ADR 0014.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "Proxy";

    public static IServiceCollection AddVigieReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = ParseNetworks(configuration[$"{Section}:KnownNetworks"]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Host filtering ran on the proxy's Host header before this; a forwarded host gets the same check here.
            foreach (var host in AllowedHosts(configuration)) o.AllowedHosts.Add(host);
            // The defaults trust loopback; only what the operator names is trusted.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var n in networks) o.KnownIPNetworks.Add(n);
            o.ForwardLimit = null; // every hop inside the trusted networks is unwound
        });
        services.AddSingleton(new ReverseProxyMarker(networks.Count > 0));
        return services;
    }

    public static IApplicationBuilder UseVigieReverseProxy(this IApplicationBuilder app)
    {
        // With no trusted network the middleware must not run at all: with empty lists it would trust anyone.
        if (!app.ApplicationServices.GetRequiredService<ReverseProxyMarker>().Enabled) return app;
        return app.UseForwardedHeaders();
    }

    /// <summary>
    /// With <c>Security:RequireHttps</c> a request that reached the app as plain HTTP (no TLS, or a proxy that is not
    /// trusted or did not say <c>X-Forwarded-Proto: https</c>) is sent to the same page on the public HTTPS address
    /// (308; 400 with a French message for other methods) instead of failing later on a secure-only cookie (issue 16:
    /// the login page answered 500). Health and metrics stay reachable over plain HTTP for local probes.
    /// </summary>
    public static IApplicationBuilder UseVigieHttpsOnly(this IApplicationBuilder app, bool requireHttps)
    {
        if (!requireHttps) return app;
        var baseUrl = app.ApplicationServices.GetRequiredService<PublicLinks>().BaseUrl;
        var target = baseUrl.StartsWith("https://", StringComparison.OrdinalIgnoreCase) ? baseUrl : null;
        return app.Use(async (context, next) =>
        {
            var path = context.Request.Path;
            if (context.Request.IsHttps || ProbePaths.Any(p => path.StartsWithSegments(p)))
            {
                await next();
                return;
            }
            if (target is not null && (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)))
            {
                context.Response.StatusCode = StatusCodes.Status308PermanentRedirect;
                context.Response.Headers.Location = target + context.Request.PathBase + path + context.Request.QueryString;
                return;
            }
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync("Vigie n'est servi qu'en HTTPS : utilisez l'adresse https:// du service.");
        });
    }

    /// <summary>Paths probed by local monitoring, answered over plain HTTP too.</summary>
    public static readonly string[] ProbePaths = ["/healthz", "/readyz", "/metrics"];

    /// <summary>The host names of <c>AllowedHosts</c> (none for "*", i.e. any).</summary>
    public static IReadOnlyList<string> AllowedHosts(IConfiguration configuration) =>
        (configuration["AllowedHosts"] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) is var hosts
        && hosts.Contains("*") ? [] : hosts;

    public static IReadOnlyList<System.Net.IPNetwork> ParseNetworks(string? value)
    {
        var list = new List<System.Net.IPNetwork>();
        foreach (var part in (value ?? "").Split([';', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (System.Net.IPNetwork.TryParse(part, out var network)) list.Add(network);
            else if (IPAddress.TryParse(part, out var address)) list.Add(new System.Net.IPNetwork(address, address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork ? 32 : 128));
            else throw new InvalidOperationException($"Proxy:KnownNetworks: « {part} » is neither a network (CIDR, e.g. 10.0.0.0/8) nor an address.");
        }
        return list;
    }

    private sealed record ReverseProxyMarker(bool Enabled);
}
