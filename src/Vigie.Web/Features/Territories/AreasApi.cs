using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Vigie.Web.Features.Territories;

/// <summary>A contract's sub-areas (quartiers, QPV, sites): read by members, written by coordinators.</summary>
public static class AreasApi
{
    public sealed record AreaDto(Guid Id, string Kind, string Name, string? Code, string? CommuneCode, JsonElement? Geometry, int Version);

    public sealed class AreaInput : IValidatableInput
    {
        /// <summary>The version the writer started from (ADR 0019): a stale one answers 409 with what changed; omitted, the change is not checked; ignored on creation.</summary>
        public int? Version { get; init; }

        /// <summary>quartier, qpv or site.</summary>
        [Required(ErrorMessage = "Le type de secteur est obligatoire (quartier, qpv ou site).")]
        public string? Kind { get; init; }

        [Required(ErrorMessage = "Le nom du secteur est obligatoire.")]
        [StringLength(AreaRules.NameMax, ErrorMessage = "Le nom du secteur ne doit pas dépasser 200 caractères.")]
        public string? Name { get; init; }

        [StringLength(AreaRules.CodeMax, ErrorMessage = "Le code ne doit pas dépasser 40 caractères.")]
        public string? Code { get; init; }

        /// <summary>INSEE code of a commune of the contract's territory.</summary>
        public string? CommuneCode { get; init; }

        /// <summary>GeoJSON Polygon or MultiPolygon (or a Feature holding one), WGS84.</summary>
        public JsonElement? Geometry { get; init; }
    }

    public static void Map(RouteGroupBuilder api)
    {
        var g = api.MapGroup("/contracts/{contractId:guid}/areas").RequireContract(ContractRole.Reader).WithTags("Secteurs");

        g.MapGet("/", async Task<Results<Ok<List<AreaDto>>, ProblemHttpResult>> (Guid contractId, ContractAccess access, AppDbContext db) =>
        {
            if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return ContractNotFound();
            var areas = await db.Areas.AsNoTracking().Where(a => a.ContractId == contractId).OrderBy(a => a.Name).ToListAsync();
            return TypedResults.Ok(areas.Select(ToDto).ToList());
        }).WithSummary("Secteurs du contrat.");

        g.MapGet("/{id:guid}", async Task<Results<Ok<AreaDto>, ProblemHttpResult>> (Guid contractId, Guid id, ContractAccess access, AppDbContext db) =>
        {
            if (!await access.Contracts.AnyAsync(c => c.Id == contractId)) return ContractNotFound();
            var area = await db.Areas.AsNoTracking().FirstOrDefaultAsync(a => a.ContractId == contractId && a.Id == id);
            return area is null ? AreaNotFound() : TypedResults.Ok(ToDto(area));
        }).WithSummary("Un secteur du contrat.");

        g.MapPost("/", async Task<Results<Created<AreaDto>, ValidationProblem, ProblemHttpResult>> (Guid contractId, AreaInput input, ContractAccess access, AppDbContext db, AreaRules rules, Auditor auditor) =>
        {
            var denied = await AuthorizeWriteAsync(contractId, access);
            if (denied is not null) return denied;
            var (values, problem) = await CheckAsync(contractId, null, input, rules);
            if (problem is not null) return problem;
            var area = new Area { ContractId = contractId, Name = values!.Name };
            Apply(area, values);
            db.Areas.Add(area);
            auditor.Record(AuditKinds.AreaCreated, "Area", area.Id, contractId, new { kind = Slug(area.Kind), polygon = area.GeoJson is not null });
            await db.SaveChangesAsync();
            return TypedResults.Created($"/api/v1/contracts/{contractId}/areas/{area.Id}", ToDto(area));
        }).WithSummary("Ajoute un secteur (coordinateurs).");

        g.MapPut("/{id:guid}", async Task<Results<Ok<AreaDto>, ValidationProblem, ProblemHttpResult>> (Guid contractId, Guid id, AreaInput input, ContractAccess access, AppDbContext db, AreaRules rules, Auditor auditor) =>
        {
            var denied = await AuthorizeWriteAsync(contractId, access);
            if (denied is not null) return denied;
            var area = await db.Areas.FirstOrDefaultAsync(a => a.ContractId == contractId && a.Id == id);
            if (area is null) return AreaNotFound();
            var (values, problem) = await CheckAsync(contractId, id, input, rules);
            if (problem is not null) return problem;
            if (await AreaRules.CheckVersionAsync(db, area, input.Version, values!) is { } conflict) return conflict.ToProblem();
            Apply(area, values!);
            auditor.Record(AuditKinds.AreaUpdated, "Area", area.Id, contractId, new { kind = Slug(area.Kind), polygon = area.GeoJson is not null });
            await db.SaveChangesAsync();
            return TypedResults.Ok(ToDto(area));
        }).WithSummary("Modifie un secteur (coordinateurs) ; version périmée : 409 avec les valeurs enregistrées.").ProducesProblem(StatusCodes.Status409Conflict);

        g.MapDelete("/{id:guid}", async Task<Results<NoContent, ProblemHttpResult>> (Guid contractId, Guid id, ContractAccess access, AppDbContext db, Auditor auditor) =>
        {
            var denied = await AuthorizeWriteAsync(contractId, access);
            if (denied is not null) return denied;
            var area = await db.Areas.FirstOrDefaultAsync(a => a.ContractId == contractId && a.Id == id);
            if (area is null) return AreaNotFound();
            db.Areas.Remove(area);
            auditor.Record(AuditKinds.AreaDeleted, "Area", area.Id, contractId);
            await db.SaveChangesAsync();
            return TypedResults.NoContent();
        }).WithSummary("Supprime un secteur (coordinateurs).");
    }

    private static string Slug(AreaKind k) => AreaRules.Slug(k);

    /// <summary>Non-visible contract → 404 (existence not revealed); visible but not coordinator → 403.</summary>
    private static async Task<ProblemHttpResult?> AuthorizeWriteAsync(Guid contractId, ContractAccess access)
    {
        var role = await access.RoleInAsync(contractId);
        if (role is null) return ContractNotFound();
        if (role != ContractRole.Coordinator)
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Accès refusé",
                detail: "Seuls les coordinateurs du contrat peuvent modifier ses secteurs.");
        return null;
    }

    private static async Task<(AreaValues? Values, ValidationProblem? Problem)> CheckAsync(Guid contractId, Guid? id, AreaInput input, AreaRules rules)
    {
        if (AreaRules.ParseKind(input.Kind) is not { } kind) return (null, ApiErrors.Field("kind", AreaRules.KindMessage));
        var geo = input.Geometry is { ValueKind: not (JsonValueKind.Null or JsonValueKind.Undefined) } g ? g.GetRawText() : null;
        var (values, errors) = await rules.CheckAsync(contractId, id, kind, input.Name, input.Code, input.CommuneCode, geo);
        if (errors.Count == 0) return (values, null);
        var dict = errors.GroupBy(e => e.Field == "GeoJson" ? "geometry" : char.ToLowerInvariant(e.Field[0]) + e.Field[1..])
            .ToDictionary(e => e.Key, e => e.Select(x => x.Message).ToArray());
        return (null, TypedResults.ValidationProblem(dict, title: "Données invalides", detail: string.Join(" ", errors.Select(e => e.Message))));
    }

    private static void Apply(Area area, AreaValues v)
    {
        area.Kind = v.Kind;
        area.Name = v.Name;
        area.Code = v.Code;
        area.CommuneCode = v.CommuneCode;
        area.GeoJson = v.GeoJson;
    }

    private static AreaDto ToDto(Area a)
    {
        JsonElement? geometry = null;
        if (a.GeoJson is not null)
        {
            using var doc = JsonDocument.Parse(a.GeoJson);
            geometry = doc.RootElement.Clone();
        }
        return new AreaDto(a.Id, Slug(a.Kind), a.Name, a.Code, a.CommuneCode, geometry, a.Version);
    }

    private static ProblemHttpResult ContractNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Contrat introuvable", detail: "Ce contrat n'existe pas ou vous n'y avez pas accès.");

    private static ProblemHttpResult AreaNotFound() =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Secteur introuvable", detail: "Ce secteur n'existe pas dans ce contrat.");
}
