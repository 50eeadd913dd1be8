namespace Vigie.Web.Features.Incidents;

/// <summary>
/// CSV/XLSX export of a contract's incidents with the filters of the map and the table (one row per incident, no
/// description: the file leaves Vigie). Egress (ADR 0006): a partner-only category is members-only content, given only to a partner (<see cref="IncidentAudience"/>) and
/// to an audience entitled to it; CSV cells are neutralised against formula injection by <see cref="Spreadsheets"/>.
/// </summary>
public sealed class IncidentExport(IncidentQueries queries, Egress egress, ICurrentUser user, TimeProvider clock, ContractViewers viewers)
{
    public sealed record IncidentExportFile(byte[] Content, string ContentType, string FileName, int Rows, string Format);

    private static readonly string[] Headers =
    [
        "Numéro", "Code catégorie", "Catégorie", "Groupe", "Visibilité", "État", "Motif de clôture", "Adresse", "Commune (INSEE)", "Secteur",
        "Partenaire pilote", "Signalé le", "Échéance", "En retard", "Pris en charge le", "Résolu le", "Clos le", "Latitude", "Longitude",
    ];

    public static bool IsXlsx(string? format) => string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// The filtered incidents that may leave Vigie for the signed-in user (every file: CSV, XLSX, GeoJSON). Partner-only
    /// categories are members content for Egress, and go only to a partner as Open311 understands it (<see cref="IncidentAudience"/>).
    /// </summary>
    public async Task<IReadOnlyList<IncidentQueries.Row>> RowsThatMayLeaveAsync(Guid contractId, IncidentFilter filter)
    {
        var rows = (await queries.ListAsync(contractId, filter)).Rows;
        var entitlement = await egress.EntitlementAsync(contractId, user.Id is { } u ? Audience.Reader(u, user.IsAdministrator) : Audience.Anonymous);
        var partner = IncidentAudience.SeesPartnerOnly(await viewers.ForAsync(contractId));
        return rows.Where(r => r.Visibility == IncidentVisibility.Public
            ? entitlement.Allows(MinutesVisibility.Public, null)
            : partner && entitlement.Allows(MinutesVisibility.Members, null)).ToList();
    }

    public async Task<IncidentExportFile> BuildAsync(Guid contractId, IncidentFilter filter, string? format)
    {
        var rows = await RowsThatMayLeaveAsync(contractId, filter);
        var now = clock.GetUtcNow();
        var table = rows.Select(r => new object?[]
        {
            r.Number, r.CategoryCode, r.CategoryName, IncidentLabels.Group(r.Group), r.Visibility == IncidentVisibility.Public ? "Publique" : "Partenaires",
            IncidentLabels.Status(r.Status), r.CloseReason?.ToString(), r.Address, r.CommuneCode, r.AreaName, r.PilotName,
            Day(r.ReportedAt), Day(r.DueAt), r.IsOverdue(now) ? "oui" : "non", Day(r.TakenUpAt), Day(r.ResolvedAt), Day(r.ClosedAt), r.Latitude, r.Longitude,
        }).ToList();
        var stamp = TimeZoneInfo.ConvertTime(now, Culture.Paris).ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture);
        if (IsXlsx(format))
            return new IncidentExportFile(Spreadsheets.Xlsx("Signalements", table.Prepend(Headers)), Spreadsheets.XlsxType, $"signalements-{stamp}.xlsx", rows.Count, "xlsx");
        var csv = table.Select(r => r.Select(Text)).Prepend(Headers);
        return new IncidentExportFile(Spreadsheets.Csv(csv), Spreadsheets.CsvType, $"signalements-{stamp}.csv", rows.Count, "csv");
    }

    private static DateOnly? Day(DateTimeOffset? at) => at is { } a ? Culture.ParisDate(a) : null;

    private static string Text(object? v) => v switch
    {
        null => "",
        DateOnly d => Culture.Date(d),
        double d => d.ToString("0.######", Culture.French),
        int i => i.ToString(Culture.French),
        _ => v.ToString() ?? "",
    };
}
