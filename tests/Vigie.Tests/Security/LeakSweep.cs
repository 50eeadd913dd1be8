using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Vigie.Tests.Security;

/// <summary>One fetch: who, which endpoint, which URL, what came back, and which marked fields it held.</summary>
public sealed record Fetch(string Role, string Pattern, string Url, HttpStatusCode Status, string? ContentType, int Length, IReadOnlyList<string> Fields);

/// <summary>Every GET endpoint of the app, filled from the fixture, fetched as each role that must not see the marker.</summary>
public sealed class LeakSweep
{
    public IReadOnlyDictionary<string, RequestPlan> Plans { get; }
    public IReadOnlyList<Fetch> Fetches { get; }
    public TimeSpan Duration { get; }

    private LeakSweep(IReadOnlyDictionary<string, RequestPlan> plans, IReadOnlyList<Fetch> fetches, TimeSpan duration)
    {
        Plans = plans;
        Fetches = fetches;
        Duration = duration;
    }

    public static EndpointDataSource AppEndpoints(LeakFixture fx) => fx.Factory.Services.GetRequiredService<EndpointDataSource>();

    public static Task<RequestPlan> PlanAsync(LeakFixture fx, Role role, EndpointDataSource? source = null) =>
        EndpointCatalog.PlanAsync(source ?? AppEndpoints(fx), fx.Factory.Services, (p, n) => fx.RouteValues(p, n, role), fx.QueryValues);

    public static async Task<LeakSweep> RunAsync(LeakFixture fx, IEnumerable<Role> roles)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var plans = new ConcurrentDictionary<string, RequestPlan>();
        var fetches = new ConcurrentBag<Fetch>();
        await Task.WhenAll(roles.Select(async role =>
        {
            var plan = await PlanAsync(fx, role);
            plans[role.Name] = plan;
            foreach (var request in plan.Requests)
            {
                var client = request.IsApi ? role.Api : role.Pages;
                using var response = await client.GetAsync(request.Url);
                var bytes = await response.Content.ReadAsByteArrayAsync();
                var contentType = response.Content.Headers.ContentType?.ToString();
                var text = await BodyText.DecodeAsync(bytes, contentType)
                    + "\n" + response.Headers.Location + "\n" + response.Content.Headers.ContentDisposition;
                fetches.Add(new Fetch(role.Name, request.Pattern, request.Url, response.StatusCode, contentType, bytes.Length, fx.FieldsIn(text)));
            }
        }));
        return new LeakSweep(plans, [.. fetches.OrderBy(f => f.Role, StringComparer.Ordinal).ThenBy(f => f.Url, StringComparer.Ordinal)], clock.Elapsed);
    }
}

public sealed partial class LeakFixture
{
    private Task<LeakSweep>? _sweep;

    /// <summary>The sweep over the roles not entitled, run once for the tests of the class.</summary>
    public Task<LeakSweep> SweepAsync() => _sweep ??= LeakSweep.RunAsync(this, NotEntitled);

    /// <summary>Which marked fields a text holds (whitespace ignored: wrapped PDF lines, folded iCalendar lines).</summary>
    public IReadOnlyList<string> FieldsIn(string text)
    {
        var flat = BodyText.Flat(text);
        if (!flat.Contains(Marker, StringComparison.OrdinalIgnoreCase)) return [];
        var found = Regex.Matches(flat, Regex.Escape(Marker) + "-(" + string.Join("|", Fields.OrderByDescending(x => x.Length)) + ")", RegexOptions.IgnoreCase)
            .Select(m => m.Groups[1].Value.ToUpperInvariant()).Distinct().Order(StringComparer.Ordinal).ToList();
        return found.Count > 0 ? found : ["?"];
    }
}
