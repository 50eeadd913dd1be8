using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;

namespace Vigie.Tests.VideoProtection;

/// <summary>A contract with a coordinator, a partner member, a reader and an outsider (coordinator of another contract), and Puteaux's system.</summary>
public sealed record VideoSetup(SecurityContract Contract, TestUser Coordinator, TestUser Reader, Guid SystemId, HttpClient CoordinatorApi, HttpClient PartnerApi, HttpClient ReaderApi, HttpClient OutsiderApi)
{
    public string Base => $"/api/v1/contracts/{Contract.Id}/video";
}

public static class VideoKit
{
    /// <summary>A perimeter around the Bergères estate in Puteaux (WGS84).</summary>
    public const string Perimeter = """{"type":"Polygon","coordinates":[[[2.230,48.880],[2.250,48.880],[2.250,48.890],[2.230,48.890],[2.230,48.880]]]}""";
    public const double InsideLat = 48.8848, InsideLon = 2.2386, OutsideLat = 48.8700, OutsideLon = 2.2100;

    public static async Task<VideoSetup> VideoSetupAsync(this VigieFactory f)
    {
        var coordinator = await f.UserAsync();
        var partner = await f.UserAsync();
        var reader = await f.UserAsync();
        var outsider = await f.UserAsync();
        var contract = await f.ContractAsync((coordinator, ContractRole.Coordinator), (partner, ContractRole.PartnerMember), (reader, ContractRole.Reader));
        await f.ContractAsync((outsider, ContractRole.Coordinator));
        var api = await f.ApiClientAsync(coordinator);
        var system = await api.CreatedAsync($"/api/v1/contracts/{contract.Id}/video/systems",
            new { commune = "Puteaux", responsible = "Le maire", accessContact = "Mairie de Puteaux, service vidéoprotection", hasCsu = true, charterText = "Légalité, nécessité, proportionnalité.", charterVersion = "2024" });
        return new VideoSetup(contract, coordinator, reader, system, api, await f.ApiClientAsync(partner), await f.ApiClientAsync(reader), await f.ApiClientAsync(outsider));
    }

    public static async Task<Guid> CreatedAsync(this HttpClient client, string url, object body)
    {
        var response = await client.PostAsJsonAsync(url, body);
        if (response.StatusCode != HttpStatusCode.Created) throw new InvalidOperationException($"{url}: {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
    }

    /// <summary>A 15-day perimeter authorisation effective on <paramref name="effectiveOn"/> (today by default).</summary>
    public static Task<Guid> AuthorisationAsync(this VideoSetup s, DateOnly? effectiveOn = null, int retention = 15, int[]? purposes = null) =>
        s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", new
        {
            orderNumber = "2024-" + Guid.NewGuid().ToString("N")[..6], orderDate = effectiveOn ?? TestDates.Today, prefecture = "Hauts-de-Seine",
            mode = "Perimetre", purposes = purposes ?? [1, 5], perimeterName = "Les Bergères", perimeterGeoJson = Perimeter, retentionDays = retention,
            effectiveOn = effectiveOn ?? TestDates.Today,
        });

    public static Task<HttpResponseMessage> CameraAsync(this VideoSetup s, Guid? authorisationId, string state = "Installee", double lat = InsideLat, double lon = InsideLon,
        int purpose = 5, DateOnly? prefectInformedOn = null, string? code = null) =>
        s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/cameras", new
        {
            authorisationId, code = code ?? "CAM-" + Guid.NewGuid().ToString("N")[..6], site = "Résidence des Bergères", latitude = lat, longitude = lon,
            kind = "DomePTZ", field = "VoiePublique", bearing = 90, viewAngle = 60, purpose, state, prefectInformedOn,
        });

    /// <summary>A 400 whose problem details name <paramref name="field"/> with a message containing <paramref name="text"/>.</summary>
    public static async Task AssertRefusedAsync(HttpResponseMessage response, string field, string text)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(body.GetProperty("errors").TryGetProperty(field, out var messages), $"no error on {field}: {body}");
        Assert.Contains(text, messages.ToString());
    }

    public static async Task<JsonElement> RegisterAsync(this VideoSetup s, HttpClient? client = null) =>
        await (client ?? s.CoordinatorApi).GetFromJsonAsync<JsonElement>(s.Base);
}
