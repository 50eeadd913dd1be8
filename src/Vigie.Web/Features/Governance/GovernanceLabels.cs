using Microsoft.AspNetCore.Mvc.Rendering;

namespace Vigie.Web.Features.Governance;

/// <summary>French labels of the governance enumerations (pages, e-mails, PDFs).</summary>
public static class GovernanceLabels
{
    public static string Kind(BodyKind k) => k switch
    {
        BodyKind.Plenary => "CLSPD – formation plénière",
        BodyKind.Restricted => "CLSPD – formation restreinte",
        BodyKind.WatchCell => "Cellule de veille",
        BodyKind.LivingEnvironment => "Cadre de vie – tranquillité publique",
        BodyKind.Gltd => "Groupe local de traitement de la délinquance (GLTD)",
        BodyKind.ThematicGroup => "Groupe thématique",
        BodyKind.VideoEthicsCommittee => "Comité d'éthique de la vidéoprotection",
        _ => "Autre instance",
    };

    public static string Visibility(MinutesVisibility v) => v switch
    {
        MinutesVisibility.Public => "Public",
        MinutesVisibility.Members => "Membres du contrat",
        _ => "Restreint aux membres de l'instance",
    };

    public static string Status(MeetingStatus s) => s switch
    {
        MeetingStatus.Planned => "Prévue",
        MeetingStatus.Convened => "Convoquée",
        MeetingStatus.Held => "Tenue",
        _ => "Annulée",
    };

    public static string Attendance(AttendanceStatus s) => s switch
    {
        AttendanceStatus.Present => "Présent",
        AttendanceStatus.Excused => "Excusé",
        AttendanceStatus.Represented => "Représenté",
        _ => "Absent",
    };

    public static string Outcome(OutcomeKind k) => k switch
    {
        OutcomeKind.Information => "Information",
        OutcomeKind.Decision => "Décision",
        _ => "Tâche",
    };

    public static string Task(FollowUpStatus s) => s switch
    {
        FollowUpStatus.Open => "À faire",
        FollowUpStatus.InProgress => "En cours",
        FollowUpStatus.Done => "Faite",
        _ => "Abandonnée",
    };

    public static string Frequency(RecurrenceFrequency f) => f switch
    {
        RecurrenceFrequency.Weekly => "Chaque semaine",
        RecurrenceFrequency.Monthly => "Chaque mois",
        _ => "Tous les N mois (par exemple une plénière semestrielle)",
    };

    public static string Day(DayOfWeek d) => Infrastructure.Culture.French.DateTimeFormat.GetDayName(d);

    public static string Week(int n) => n switch { 1 => "premier", 2 => "deuxième", 3 => "troisième", 4 => "quatrième", _ => "dernier" };

    public static IEnumerable<SelectListItem> Options<T>(Func<T, string> label) where T : struct, Enum =>
        Enum.GetValues<T>().Select(v => new SelectListItem(label(v), v.ToString()));

    public static IEnumerable<SelectListItem> Days() =>
        new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday }
            .Select(d => new SelectListItem(Day(d), d.ToString()));

    public static IEnumerable<SelectListItem> Weeks() => Enumerable.Range(1, 5).Select(n => new SelectListItem(Week(n), n.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static string Badge(MeetingStatus s) => s switch
    {
        MeetingStatus.Held => "success",
        MeetingStatus.Convened => "info",
        MeetingStatus.Cancelled => "error",
        _ => "new",
    };
}
