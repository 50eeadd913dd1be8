using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Vigie.Tests.Infrastructure;

namespace Vigie.Tests.Operations;

/// <summary>
/// An app of its own configured as an operator would in production (environment Production, key files, public
/// address, allowed host), with a start-up filter that sets the TCP peer from <see cref="PeerHeader"/> — the in-memory
/// server has no network, and the reverse-proxy rules depend on who is talking.
/// </summary>
public static class ProductionApp
{
    public const string PeerHeader = "X-Test-Peer";
    public const string Host = "vigie.example.test";
    public const string PublicBaseUrl = "https://" + Host;

    public static VigieFactory Create(Action<IServiceCollection>? services = null)
    {
        var factory = new VigieFactory
        {
            EnvironmentName = "Production",
            TestServices = s =>
            {
                s.AddSingleton<IStartupFilter, PeerFilter>();
                services?.Invoke(s);
            },
        };
        var pfx = Path.Combine(Path.GetTempPath(), $"vigie-dp-{Guid.NewGuid():N}.pfx");
        Vigie.Web.Infrastructure.KeyProtection.CreateSelfSignedPfx(pfx, "mot-de-passe-du-pfx");
        factory.Settings["DataProtection:CertificatePath"] = pfx;
        factory.Settings["DataProtection:CertificatePassword"] = "mot-de-passe-du-pfx";
        var casesKey = Path.Combine(Path.GetTempPath(), $"vigie-cases-{Guid.NewGuid():N}.key");
        Vigie.Web.Features.Cases.CaseCipher.CreateKeyFile(casesKey);
        factory.Settings["Cases:EncryptionKeyFile"] = casesKey;
        factory.Settings["App:PublicBaseUrl"] = PublicBaseUrl;
        factory.Settings["AllowedHosts"] = Host;
        return factory;
    }

    public sealed class PeerFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate n) =>
            {
                if (context.Request.Headers.TryGetValue(PeerHeader, out var peer)) context.Connection.RemoteIpAddress = IPAddress.Parse(peer!);
                return n(context);
            });
            next(app);
        };
    }
}
