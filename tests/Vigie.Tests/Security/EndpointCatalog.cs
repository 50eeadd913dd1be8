using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Tests.Security;

/// <summary>One GET request to make: which endpoint (its route pattern) it exercises and the URL filled from a fixture.</summary>
public sealed record PlannedRequest(string Pattern, string Url)
{
    public bool IsApi => Url.StartsWith("/api/", StringComparison.OrdinalIgnoreCase);
}

/// <summary>What the catalogue found: the requests, the GET endpoints it saw, and the parameter names nobody mapped.</summary>
public sealed record RequestPlan(IReadOnlyList<PlannedRequest> Requests, IReadOnlyList<string> GetPatterns, IReadOnlyList<string> Unmapped);

/// <summary>
/// Turns the app's endpoint data source (every Razor page and minimal-API route) into GET requests.
/// Route parameters come from <c>routeValues(pattern, name)</c>; query parameters (minimal-API
/// arguments of simple types, page handler arguments, <c>[BindProperty(SupportsGet = true)]</c>
/// properties) from <c>queryValues(name)</c>. A resolver answers null for a name it does not know:
/// that name is reported in <see cref="RequestPlan.Unmapped"/> so a new route or query parameter must
/// be mapped explicitly instead of being skipped. An empty array means "known, leave it out"
/// (optional route parameters, query parameters not worth varying). Nothing here lists routes by hand.
/// </summary>
public static class EndpointCatalog
{
    public static async Task<RequestPlan> PlanAsync(EndpointDataSource source, IServiceProvider services,
        Func<string, string, string[]?> routeValues, Func<string, string[]?> queryValues)
    {
        var requests = new List<PlannedRequest>();
        var getPatterns = new List<string>();
        var unmapped = new SortedSet<string>(StringComparer.Ordinal);
        var loader = services.GetService<PageLoader>();

        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            // Stylesheets, scripts and images (MapStaticAssets): public files, not application data.
            if (endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.StaticAssets.StaticAssetDescriptor>() is not null) continue;
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods;
            if (methods is { Count: > 0 } && !methods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase)) continue;
            // The route as its shape, without constraints: /contrats/{id}/reunions/{meetingId}.
            var pattern = Regex.Replace("/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/'), @"\{\*{0,2}(\w+)[^}]*\}", "{$1}");
            getPatterns.Add(pattern);

            // Query parameters, per handler name (null = the page's default handler, or the minimal-API delegate).
            var handlers = new List<(string? Handler, List<string> Query)>();
            if (endpoint.Metadata.GetMetadata<PageActionDescriptor>() is { } page && loader is not null)
            {
                var compiled = await loader.LoadAsync(page, endpoint.Metadata);
                var bound = BoundGetProperties(compiled.ModelTypeInfo?.AsType() ?? compiled.HandlerTypeInfo.AsType());
                foreach (var h in compiled.HandlerMethods.Where(h => string.Equals(h.HttpMethod, "GET", StringComparison.OrdinalIgnoreCase)))
                {
                    var args = h.Parameters.Where(p => !IsInfrastructure(p.ParameterType)).Select(p => p.BindingInfo?.BinderModelName ?? p.Name);
                    handlers.Add((string.IsNullOrEmpty(h.Name) ? null : h.Name,
                        [.. args.Concat(bound).Where(n => !IsRouteParameter(endpoint.RoutePattern, n)).Distinct(StringComparer.OrdinalIgnoreCase)]));
                }
                if (handlers.Count == 0) handlers.Add((null, [.. bound.Where(n => !IsRouteParameter(endpoint.RoutePattern, n))]));
            }
            else
            {
                var method = endpoint.Metadata.GetMetadata<MethodInfo>();
                var args = method?.GetParameters()
                    .Where(p => IsSimple(p.ParameterType) && p.GetCustomAttribute<FromServicesAttribute>() is null && p.GetCustomAttribute<FromBodyAttribute>() is null)
                    .Select(p => p.GetCustomAttribute<FromQueryAttribute>()?.Name ?? p.Name!)
                    .Where(n => !IsRouteParameter(endpoint.RoutePattern, n)).ToList() ?? [];
                handlers.Add((null, args));
            }

            // Route parameters: every combination of the values the fixture gives.
            var paths = new List<string> { "" };
            var missing = false;
            foreach (var segment in endpoint.RoutePattern.PathSegments)
            {
                var options = new List<string> { "" };
                foreach (var part in segment.Parts)
                {
                    switch (part)
                    {
                        case RoutePatternLiteralPart literal:
                            options = [.. options.Select(o => o + literal.Content)];
                            break;
                        case RoutePatternSeparatorPart separator:
                            options = [.. options.Select(o => o + separator.Content)];
                            break;
                        case RoutePatternParameterPart parameter:
                            var values = routeValues(pattern, parameter.Name);
                            if (values is null) { unmapped.Add($"{pattern} → route parameter « {parameter.Name} »"); missing = true; break; }
                            if (values.Length == 0)
                            {
                                if (!parameter.IsOptional) { unmapped.Add($"{pattern} → route parameter « {parameter.Name} » has no value"); missing = true; }
                                break;
                            }
                            options = [.. options.SelectMany(o => values.Select(v => o + Uri.EscapeDataString(v)))];
                            break;
                    }
                }
                paths = [.. paths.SelectMany(p => options.Select(o => o.Length == 0 ? p : p + "/" + o))];
            }
            if (missing) continue;
            paths = [.. paths.Select(p => p.Length == 0 ? "/" : p)];

            foreach (var (handler, query) in handlers)
            {
                var varied = new List<(string Name, string[] Values)>();
                foreach (var name in query)
                {
                    var values = queryValues(name);
                    if (values is null) unmapped.Add($"{pattern}{(handler is null ? "" : $"?handler={handler}")} → query parameter « {name} »");
                    else if (values.Length > 0) varied.Add((name, values));
                }
                // No query; each value of each parameter alone; then all parameters together, round by round.
                static string Pair(string name, string value) => $"{Uri.EscapeDataString(name)}={Uri.EscapeDataString(value)}";
                var sets = new List<IEnumerable<string>> { Array.Empty<string>() };
                sets.AddRange(varied.SelectMany(v => v.Values.Select(x => new[] { Pair(v.Name, x) })));
                if (varied.Count > 1)
                    for (var k = 0; k < varied.Max(v => v.Values.Length); k++)
                        sets.Add(varied.Select(v => Pair(v.Name, v.Values[Math.Min(k, v.Values.Length - 1)])));
                var variants = sets.Select(pairs => string.Join("&", handler is null ? pairs : pairs.Prepend(Pair("handler", handler)))).ToList();
                foreach (var path in paths)
                    foreach (var q in variants.Distinct())
                        requests.Add(new PlannedRequest(pattern, q.Length == 0 ? path : $"{path}?{q}"));
            }
        }
        return new RequestPlan([.. requests.DistinctBy(r => r.Url)], [.. getPatterns.Distinct()], [.. unmapped]);
    }

    private static bool IsRouteParameter(RoutePattern pattern, string name) =>
        pattern.Parameters.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    private static bool IsInfrastructure(Type t) => t == typeof(CancellationToken) || t == typeof(HttpContext) || t == typeof(HttpRequest);

    private static bool IsSimple(Type t)
    {
        var u = Nullable.GetUnderlyingType(t) ?? t;
        return u.IsPrimitive || u.IsEnum || u == typeof(string) || u == typeof(Guid) || u == typeof(decimal)
            || u == typeof(DateOnly) || u == typeof(TimeOnly) || u == typeof(DateTime) || u == typeof(DateTimeOffset);
    }

    /// <summary>Properties a GET binds from the query: [BindProperty(SupportsGet = true)], or every property under [BindProperties(SupportsGet = true)].</summary>
    private static List<string> BoundGetProperties(Type model)
    {
        var all = model.GetCustomAttribute<BindPropertiesAttribute>() is { SupportsGet: true };
        return [.. model.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Select(p => (p, a: p.GetCustomAttribute<BindPropertyAttribute>()))
            .Where(x => x.a?.SupportsGet == true || (all && x.a is null && x.p.CanWrite && IsSimple(x.p.PropertyType)))
            .Select(x => x.a?.Name ?? x.p.Name)];
    }
}
