namespace Vigie.Web.Features.Incidents;

/// <summary>French labels and URL slugs of the incident enumerations (pages, exports, API).</summary>
public static class IncidentLabels
{
    public static string Status(IncidentStatus s) => s switch
    {
        IncidentStatus.Nouveau => "Nouveau",
        IncidentStatus.Qualifie => "Qualifié",
        IncidentStatus.Transmis => "Transmis",
        IncidentStatus.Reoriente => "Réorientation demandée",
        IncidentStatus.PrisEnCharge => "Pris en charge",
        IncidentStatus.EnCours => "En cours",
        IncidentStatus.Resolu => "Résolu",
        IncidentStatus.Cloture => "Clôturé",
        IncidentStatus.Reouvert => "Rouvert",
        _ => s.ToString(),
    };

    public static string CloseReason(IncidentCloseReason r) => r switch
    {
        IncidentCloseReason.Traite => "Traité",
        IncidentCloseReason.Doublon => "Doublon",
        IncidentCloseReason.NonFonde => "Non fondé",
        IncidentCloseReason.HorsCompetence => "Hors compétence du CLS",
        IncidentCloseReason.NonTraitable => "Non traitable",
        _ => r.ToString(),
    };

    public static string Source(IncidentSource s) => s switch
    {
        IncidentSource.Agent => "Agent",
        IncidentSource.Partner => "Partenaire",
        IncidentSource.Resident => "Habitant",
        IncidentSource.Phone => "Téléphone",
        IncidentSource.Open311 => "Client Open311",
        _ => s.ToString(),
    };

    /// <summary>What the public sees of a state: Open311's open/closed, in French.</summary>
    public static string PublicStatus(IncidentStatus s) => IncidentStatusMachine.IsClosed(s) ? "Clos" : "En cours de traitement";

    public static string Visibility(IncidentVisibility v) => v == IncidentVisibility.Public ? "Public" : "Partenaires";

    public static string Event(IncidentEventKind k) => k switch
    {
        IncidentEventKind.Created => "Signalement enregistré",
        IncidentEventKind.Routed => "Transmis",
        IncidentEventKind.Rerouted => "Réorienté",
        IncidentEventKind.StatusChanged => "Changement d'état",
        IncidentEventKind.Note => "Action / note",
        IncidentEventKind.MarkedDuplicate => "Fusionné comme doublon",
        IncidentEventKind.Reopened => "Rouvert",
        _ => k.ToString(),
    };

    public static string PhotoStatus(IncidentPhotoStatus s) => s switch
    {
        IncidentPhotoStatus.Approved => "Publiée",
        IncidentPhotoStatus.Rejected => "Refusée",
        _ => "En attente de modération",
    };

    public static string Group(string code) => IncidentCategoryCatalog.Groups.TryGetValue(code, out var label) ? label : code;

    /// <summary>API and query-string values: the enum names in lower case ("priseencharge" is accepted as "PrisEnCharge").</summary>
    public static IncidentStatus? ParseStatus(string? value) =>
        Enum.TryParse<IncidentStatus>(value?.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    public static IncidentCloseReason? ParseCloseReason(string? value) =>
        Enum.TryParse<IncidentCloseReason>(value?.Trim(), ignoreCase: true, out var r) && Enum.IsDefined(r) ? r : null;

    public static IncidentSource? ParseSource(string? value) =>
        Enum.TryParse<IncidentSource>(value?.Trim(), ignoreCase: true, out var s) && Enum.IsDefined(s) ? s : null;

    public static string StatusValues => string.Join(", ", Enum.GetNames<IncidentStatus>());
}

/// <summary>The state machine of specs §3.4: which moves exist, and who may make them.</summary>
public static class IncidentStatusMachine
{
    public const int ReopenDays = 30;

    /// <summary>Moves the pilot partner may make (and the coordination, which may make all moves).</summary>
    private static readonly Dictionary<IncidentStatus, IncidentStatus[]> PilotMoves = new()
    {
        [IncidentStatus.Transmis] = [IncidentStatus.PrisEnCharge, IncidentStatus.Reoriente],
        [IncidentStatus.PrisEnCharge] = [IncidentStatus.EnCours, IncidentStatus.Resolu, IncidentStatus.Reoriente],
        [IncidentStatus.EnCours] = [IncidentStatus.Resolu],
        [IncidentStatus.Reouvert] = [IncidentStatus.EnCours, IncidentStatus.Resolu],
        [IncidentStatus.Resolu] = [IncidentStatus.Cloture, IncidentStatus.Reouvert],
        [IncidentStatus.Cloture] = [IncidentStatus.Reouvert],
    };

    /// <summary>Moves only the coordination makes (qualifying, closing as unfounded or out of scope).</summary>
    private static readonly Dictionary<IncidentStatus, IncidentStatus[]> CoordinationMoves = new()
    {
        [IncidentStatus.Nouveau] = [IncidentStatus.Qualifie, IncidentStatus.Cloture],
        [IncidentStatus.Qualifie] = [IncidentStatus.Cloture],
        [IncidentStatus.Reoriente] = [IncidentStatus.Cloture],
        [IncidentStatus.Transmis] = [IncidentStatus.Cloture],
    };

    public static IReadOnlyList<IncidentStatus> Next(IncidentStatus from, bool coordinator)
    {
        var moves = PilotMoves.GetValueOrDefault(from, []).AsEnumerable();
        if (coordinator) moves = moves.Concat(CoordinationMoves.GetValueOrDefault(from, []));
        return moves.Distinct().ToList();
    }

    public static bool IsClosed(IncidentStatus s) => s == IncidentStatus.Cloture;

    /// <summary>Open311 sees two states: closed for Cloture, open for all others.</summary>
    public static string Open311Status(IncidentStatus s) => IsClosed(s) ? "closed" : "open";

    /// <summary>Not yet taken up by a partner: the first-response SLA still runs.</summary>
    public static bool AwaitsTakeUp(IncidentStatus s) => s is IncidentStatus.Nouveau or IncidentStatus.Qualifie or IncidentStatus.Transmis or IncidentStatus.Reoriente;

    /// <summary>May be re-routed: not resolved nor closed.</summary>
    public static bool MayReroute(IncidentStatus s) => s is not (IncidentStatus.Resolu or IncidentStatus.Cloture);
}

/// <summary>
/// Who "a partner" is wherever incidents leave Vigie (Open311 GET with a token, the CSV/XLSX export): one rule, so both
/// answer the same. A partner member or the coordination of the contract sees partner-only categories; a reader, an
/// outsider and an anonymous caller see public categories only.
/// </summary>
public static class IncidentAudience
{
    public static bool SeesPartnerOnly(ContractViewer? viewer) => viewer is not null && viewer.AtLeast(ContractRole.PartnerMember);
}
