using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Vigie.Web.Infrastructure;

/// <summary>
/// Behind a reverse proxy every request comes from the proxy's address, so the rate limits would throttle all users
/// together. <c>X-Forwarded-For</c> / <c>X-Forwarded-Proto</c> are read only when the request comes from a network
/// listed in <c>Proxy:KnownNetworks</c> (CIDR, ';' or ',' separated); empty (the default) = the headers are ignored,
/// so a client cannot choose its own address.
/// </summary>
public static class ReverseProxy
{
    public const string Section = "Proxy";

    public static IServiceCollection AddVigieReverseProxy(this IServiceCollection services, IConfiguration configuration)
    {
        var networks = ParseNetworks(configuration[$"{Section}:KnownNetworks"]);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
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
