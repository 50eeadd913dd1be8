using Vigie.Web.Infrastructure.Pdf;

namespace Vigie.Web.Features.Cases;

/// <summary>A single-person PDF of the follow-up module, ready to send.</summary>
public sealed record CaseDocument(byte[] Content, string FileName);

public enum CaseDocumentKind { Sheet, NoticeLetter, AccessExport }

/// <summary>
/// The only documents naming a person that leave the follow-up module (A5: never a list or an export of several
/// people): each is about one sheet, goes to the signed-in reader asking for it (<see cref="Egress.MayLeaveAsPersonalDocument"/>),
/// is built from the audited reads of <see cref="CaseQueries"/> and is recorded as printed (<see cref="AuditKinds.CaseSheetPrinted"/>).
/// <list type="bullet">
/// <item>the working view of the sheet, for the coordinator and the référent only (tier 3 holders), watermarked on every
/// page with the reader, the date and time and « Confidentiel — charte déontologique »;</item>
/// <item>the individual notice letter (§1.7), addressed to the person or to the legal representatives (coordinator, référent);</item>
/// <item>the person's own export, the answer to an access request (coordinator): their data only — no note written by
/// a member, no member's or representative's name, no meeting title, no referrer; institutions appear as categories.</item>
/// </list>
/// </summary>
public sealed class CaseDocuments(AppDbContext db, CaseQueries queries, CaseRights rights, CaseNoticeService notice, CaseAccess access, ICurrentUser user, Auditor auditor)
{
    public const string Confidential = "Confidentiel — charte déontologique";

    /// <summary>
    /// Builds one document about one sheet for the signed-in reader asking for it (the pages and the API: a download,
    /// never a mail). The sheet is opened once, at tier 3, and the print is the one audit row of the request
    /// (<see cref="AuditKinds.CaseSheetPrinted"/>, tier T3), besides a refusal or an archive access.
    /// </summary>
    public async Task<CommandResult<CaseDocument>> BuildAsync(Guid contractId, Guid groupId, Guid sheetId, CaseDocumentKind kind)
    {
        var audience = user.Id is null ? AudienceKind.Anonymous : AudienceKind.Reader;
        var (failure, viewer, opened, _) = await queries.OpenAsync<CaseDocument>(contractId, groupId, sheetId, CaseTier.T3);
        if (failure is not null) return failure;
        var sheet = opened!;
        if (kind == CaseDocumentKind.AccessExport && !viewer!.IsCoordinator)
            return CommandResult<CaseDocument>.Denied("Seul le coordonnateur répond à une demande d'accès de la personne.");
        // A5: one person's document (a sheet names one person), to the reader asking for it only (never mailed, never anonymous).
        if (!Egress.MayLeaveAsPersonalDocument(namedPeople: 1, audience))
            return CommandResult<CaseDocument>.Denied("Un document nominatif du suivi individuel ne se télécharge que par la personne habilitée qui le demande.");
        var s = await queries.ViewOfAsync(sheet, CaseTier.T3);
        var reader = await db.Users.Where(u => u.Id == user.Id).Select(u => u.FullName).FirstOrDefaultAsync() ?? "Utilisateur";
        var watermark = $"{reader} — {Culture.DateTime(access.Now)}\n{Confidential}";
        var group = viewer!.Group;
        byte[] pdf = kind switch
        {
            CaseDocumentKind.Sheet => SheetPdf(s, watermark),
            CaseDocumentKind.NoticeLetter => NoticeLetter(s, queries.ContactOf(sheet), group, await notice.SectionsAsync(group), watermark),
            _ => AccessExport(s, queries.ContactOf(sheet), await queries.JudicialOfAsync(sheet), await rights.ViewOfAsync(sheet), await notice.SectionsAsync(group)),
        };
        auditor.Record(AuditKinds.CaseSheetPrinted, CaseAudit.SheetEntity, sheetId, contractId, new
        {
            group = groupId, tier = "T3",
            document = kind switch { CaseDocumentKind.Sheet => "sheet", CaseDocumentKind.NoticeLetter => "notice-letter", _ => "access-export" },
        });
        await db.SaveChangesAsync();
        var name = kind switch { CaseDocumentKind.Sheet => "fiche", CaseDocumentKind.NoticeLetter => "information", _ => "vos-donnees" };
        return CommandResult<CaseDocument>.Ok(new CaseDocument(pdf, $"{name}-{s.Code}.pdf"));
    }

    private static byte[] SheetPdf(CaseSheetView s, string watermark)
    {
        using var pdf = new PdfReport($"Fiche de suivi {s.Code}", $"{Confidential} — article L132-5 du code de la sécurité intérieure", watermark: watermark);
        pdf.KeyValues(Situation(s, withReferent: true));
        ActionsTable(pdf, s, withNotes: true);
        pdf.Heading("Passages en réunion");
        pdf.Bullets(s.Agenda.Count == 0 ? ["Aucun passage en réunion."]
            : s.Agenda.Select(a => $"{Culture.DateTime(a.StartsAt)} — {a.MeetingTitle} : {(a.Decision is { } d ? CaseLabels.Decision(d) : "décision à enregistrer")}"));
        pdf.Paragraph("Document nominatif et confidentiel : ne le transmettez pas, ne le copiez pas, détruisez-le après usage. Son impression est tracée.", muted: true);
        return pdf.ToArray();
    }

    private static byte[] NoticeLetter(CaseSheetView s, CaseContactView contact, CaseGroup group, IReadOnlyList<(string Title, string Text)> sections, string watermark)
    {
        var minor = s.Age < 18 && contact.Representatives.Count > 0;
        var to = minor
            ? string.Join(" et ", contact.Representatives.Select(r => $"{r.FirstName} {r.Surname}".Trim()))
            : s.DisplayName;
        using var pdf = new PdfReport("Information sur un traitement de données vous concernant", $"Destinataire : {to}", watermark: watermark);
        if ((minor ? contact.Representatives[0].Address : contact.Address) is { } address) pdf.Paragraph(address);
        pdf.Paragraph(minor
            ? $"Madame, Monsieur,\n\nLa situation de {s.DisplayName} est suivie par le dispositif « {group.Name} » du conseil local de sécurité et de prévention de la délinquance. La loi nous fait obligation de vous en informer."
            : $"Madame, Monsieur,\n\nVotre situation est suivie par le dispositif « {group.Name} » du conseil local de sécurité et de prévention de la délinquance. La loi nous fait obligation de vous en informer.");
        foreach (var (title, text) in sections) { pdf.Heading(title, 3); pdf.Paragraph(text); }
        pdf.Paragraph("Veuillez agréer, Madame, Monsieur, l'expression de nos salutations distinguées.\n\nLe coordonnateur du dispositif, pour le maire");
        return pdf.ToArray();
    }

    private static byte[] AccessExport(CaseSheetView s, CaseContactView contact, CaseJudicialView judicial, CaseRightsView rights, IReadOnlyList<(string Title, string Text)> sections)
    {
        using var pdf = new PdfReport("Vos données dans le suivi individualisé de prévention", "Réponse à une demande d'accès (article 15 du RGPD)",
            watermark: $"Copie remise à la personne concernée\n{Confidential}");
        pdf.Paragraph("Ce document rassemble les données vous concernant. Les informations relatives à d'autres personnes (membres du dispositif, "
            + "représentants légaux, tiers) et les notes de travail des professionnels en sont retirées.");
        pdf.Heading("Identité et coordonnées");
        pdf.KeyValues([
            ("Nom et prénom", s.DisplayName),
            ("Date de naissance", Culture.Date(s.BirthDate)),
            ("Sexe", s.Sex is { } sex ? CaseLabels.Sex(sex) : "—"),
            ("Adresse", contact.Address ?? "—"),
            ("Téléphone", contact.Phone ?? "—"),
            ("Adresse électronique", contact.Email ?? "—"),
        ]);
        pdf.Heading("Suivi");
        pdf.KeyValues(Situation(s, withReferent: false));
        ActionsTable(pdf, s, withNotes: false);
        pdf.Table("Mesures judiciaires", ["Mesure", "Service", "Du", "Au"],
            judicial.Measures.Count == 0 ? [["Aucune", "", "", ""]] : judicial.Measures.Select(m => (IReadOnlyList<string>)[CaseLabels.Measure(m.Type), CaseLabels.Service(m.Service), Culture.Date(m.StartedOn), Culture.Date(m.EndedOn)]));
        pdf.Heading("Examens en réunion");
        pdf.Bullets(s.Agenda.Count == 0 ? ["Aucun."] : s.Agenda.Select(a => $"{Culture.Date(DateOnly.FromDateTime(a.StartsAt.Date))} : {(a.Decision is { } d ? CaseLabels.Decision(d) : "en attente")}"));
        pdf.Heading("Votre information");
        pdf.Paragraph(rights.NoticeGivenOn is { } on
            ? $"Informé(e) le {Culture.Date(on)} ({CaseLabels.NoticeMeans(rights.NoticeMeans!.Value).ToLowerInvariant()}, destinataire : {CaseLabels.NoticeRecipient(rights.NoticeRecipient!.Value).ToLowerInvariant()})."
            : "L'information individuelle n'a pas été enregistrée.");
        foreach (var (title, text) in sections) { pdf.Heading(title, 3); pdf.Paragraph(text); }
        return pdf.ToArray();
    }

    private static List<(string, string)> Situation(CaseSheetView s, bool withReferent)
    {
        List<(string, string)> rows =
        [
            ("Code", s.Code),
            ("Personne", $"{s.DisplayName}, {s.Age} ans"),
            ("Scolarité ou situation", s.SchoolLevel is { } l ? CaseLabels.SchoolLevel(l) : s.Occupation is { } o ? CaseLabels.Occupation(o) : "—"),
            ("Statut", CaseLabels.Status(s.Status)),
            ("Début du suivi", Culture.Date(s.StartedOn)),
            ("Origine", CaseLabels.Origin(s.Origin)),
            ("Signalée par", CaseLabels.Institution(s.ReferralSource)),
            ("Problématiques", s.Problems.Count == 0 ? "—" : string.Join(" ; ", s.Problems.Select(CaseLabels.Problem))),
        ];
        if (s.Quartier is { } q) rows.Add(("Quartier de résidence", q));
        if (withReferent) rows.Add(("Référent de parcours", s.ReferentName ?? "non désigné"));
        if (s.EndedOn is { } end) rows.Add(("Fin du suivi", Culture.Date(end) + (s.ClosureReason is { } r ? " — " + CaseLabels.Closure(r) : "")));
        return rows;
    }

    private static void ActionsTable(PdfReport pdf, CaseSheetView s, bool withNotes)
    {
        var rows = s.Actions.Select(a => (IReadOnlyList<string>)(withNotes
            ? [CaseLabels.ActionType(a.Type), CaseLabels.Institution(a.CarrierInstitution), Culture.Date(a.StartedOn), Culture.Date(a.EndedOn), CaseLabels.Result(a.Result), a.Note ?? "—"]
            : [CaseLabels.ActionType(a.Type), CaseLabels.Institution(a.CarrierInstitution), Culture.Date(a.StartedOn), Culture.Date(a.EndedOn), CaseLabels.Result(a.Result)])).ToList();
        IReadOnlyList<string> headers = withNotes ? ["Action", "Institution", "Du", "Au", "Résultat", "Note factuelle"] : ["Action", "Institution", "Du", "Au", "Résultat"];
        if (rows.Count == 0) rows.Add([.. headers.Select((_, i) => i == 0 ? "Aucune action" : "")]);
        pdf.Table("Actions", headers, rows);
    }
}
