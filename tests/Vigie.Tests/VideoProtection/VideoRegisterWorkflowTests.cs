using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Vigie.Tests.Infrastructure;
using Vigie.Web.Domain;
using Vigie.Web.Infrastructure;

namespace Vigie.Tests.VideoProtection;

/// <summary>
/// Issue 15 items 2–7: V1 through the camera's recorder and the recorder edit, the request's states, the page forms of
/// what only the API did, opinions members-only by default, the copies handed over, the access decision's dates and
/// the members-only register DTO with the committee's members (edited, removed).
/// </summary>
[Collection(AppCollection.Name)]
public sealed class VideoRegisterWorkflowTests(VigieFactory factory)
{
    private static DateOnly Today => TestDates.Today;
    private static string Day(DateOnly d) => d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
    private static async Task<string> TextAsync(HttpResponseMessage r) => PageClient.Parse(await r.Content.ReadAsStringAsync()).Body!.TextContent;

    private static object RecorderBody(Guid auth, int retention, int? version = null, string name = "NVR Bergères") => new { authorisationId = auth, name, retentionDays = retention, version };

    [Fact]
    public async Task V1_CameraRecorder_MustKeepNoLongerThanTheCamerasAuthorisation_AndStayInItsSystem()
    {
        var s = await factory.VideoSetupAsync();
        var short10 = await s.AuthorisationAsync(retention: 10);
        var long20 = await s.AuthorisationAsync(retention: 20);
        var recorder20 = await s.CoordinatorApi.CreatedAsync($"{s.Base}/recorders", RecorderBody(long20, 20));
        var camera = new
        {
            authorisationId = short10, recorderId = recorder20, code = "CAM-V1", site = "Résidence des Bergères", latitude = VideoKit.InsideLat, longitude = VideoKit.InsideLon, purpose = 5, state = "Installee",
        };
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/cameras", camera), "recorderId", "plus que les 10 jours");
        Assert.False(await factory.WithDb(db => db.VideoCameras.AnyAsync(c => c.ContractId == s.Contract.Id)));

        // Another commune's recorder and authorisation.
        var other = await s.CoordinatorApi.CreatedAsync($"{s.Base}/systems", new { commune = "Courbevoie", responsible = "Le maire" });
        var otherAuth = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", new
        {
            systemId = other, orderNumber = "2025-COU", orderDate = Today, prefecture = "Hauts-de-Seine", mode = "Perimetre", purposes = new[] { 5 }, perimeterName = "Centre",
            perimeterGeoJson = VideoKit.Perimeter, retentionDays = 30, effectiveOn = Today,
        });
        var otherRecorder = await s.CoordinatorApi.CreatedAsync($"{s.Base}/recorders", new { systemId = other, authorisationId = otherAuth, name = "NVR Courbevoie", retentionDays = 5 });
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/cameras", new
        {
            systemId = s.SystemId, authorisationId = long20, recorderId = otherRecorder, code = "CAM-V1", site = "Bergères", latitude = VideoKit.InsideLat, longitude = VideoKit.InsideLon, purpose = 5,
        }), "recorderId", "autre système");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/cameras", new
        {
            systemId = s.SystemId, authorisationId = otherAuth, code = "CAM-V1", site = "Bergères", latitude = VideoKit.InsideLat, longitude = VideoKit.InsideLon, purpose = 5,
        }), "authorisationId", "autre système");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/recorders", new { systemId = s.SystemId, authorisationId = otherAuth, name = "NVR", retentionDays = 5 }),
            "authorisationId", "autre système");

        Assert.Equal(HttpStatusCode.Created, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/cameras", new
        {
            systemId = s.SystemId, authorisationId = long20, recorderId = recorder20, code = "CAM-V1", site = "Bergères", latitude = VideoKit.InsideLat, longitude = VideoKit.InsideLon, purpose = 5,
        })).StatusCode);
    }

    [Fact]
    public async Task RecorderEdit_ReChecksRetentionBetweenMinimumAndMaximum_WithAVersion()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", new
        {
            orderNumber = "2025-MIN", orderDate = Today, prefecture = "Hauts-de-Seine", mode = "Perimetre", purposes = new[] { 5 }, perimeterName = "Les Bergères",
            perimeterGeoJson = VideoKit.Perimeter, retentionDays = 20, minimumRetentionDays = 8, effectiveOn = Today,
        });
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/recorders", RecorderBody(auth, 5)), "retentionDays", "8 jours au moins");
        var recorder = await s.CoordinatorApi.CreatedAsync($"{s.Base}/recorders", RecorderBody(auth, 10));
        var url = $"{s.Base}/recorders/{recorder}";
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, RecorderBody(auth, 25, 0)), "retentionDays", "dépasse celle de l'autorisation n° 2025-MIN");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, RecorderBody(auth, 6, 0)), "retentionDays", "durée minimale");
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PutAsJsonAsync(url, RecorderBody(auth, 12, 0))).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, RecorderBody(auth, 12, 0, "NVR renommé"))).StatusCode);
        var saved = await factory.WithDb(db => db.VideoRecorders.AsNoTracking().SingleAsync(r => r.Id == recorder));
        Assert.Equal((12, "NVR renommé"), (saved.RetentionDays, saved.Name));
        var stale = await s.CoordinatorApi.PutAsJsonAsync(url, RecorderBody(auth, 15, 0));
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains("Conservation configurée", await stale.Content.ReadAsStringAsync());
        Assert.Equal(12, await factory.WithDb(db => db.VideoRecorders.Where(r => r.Id == recorder).Select(r => r.RetentionDays).SingleAsync()));

        // A camera on this recorder under a 10-day authorisation: the recorder cannot keep more than 10 days.
        var short10 = await s.AuthorisationAsync(retention: 10);
        var camera = await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/cameras", new
        {
            authorisationId = short10, recorderId = recorder, code = "CAM-REC", site = "Bergères", latitude = VideoKit.InsideLat, longitude = VideoKit.InsideLon, purpose = 5,
        });
        await VideoKit.AssertRefusedAsync(camera, "recorderId", "plus que les 10 jours");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, RecorderBody(auth, 10, saved.Version, "NVR renommé"))).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/cameras", new
        {
            authorisationId = short10, recorderId = recorder, code = "CAM-REC", site = "Bergères", latitude = VideoKit.InsideLat, longitude = VideoKit.InsideLon, purpose = 5,
        })).StatusCode);
        var current = await factory.WithDb(db => db.VideoRecorders.Where(r => r.Id == recorder).Select(r => r.Version).SingleAsync());
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, RecorderBody(auth, 15, current, "NVR renommé")), "retentionDays", "CAM-REC");
    }

    [Fact]
    public async Task RequestStates_FollowTheirOrder_ImplicitRejectionIsNeverEntered_AndEachChangeIsAudited()
    {
        var s = await factory.VideoSetupAsync();
        var request = await s.CoordinatorApi.CreatedAsync($"{s.Base}/requests", new { kind = "Initiale", mode = "Perimetre", purposes = new[] { 5 }, status = "Deposee", filedOn = Today.AddDays(-30) });
        var url = $"{s.Base}/requests/{request}";
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "Accordee" }), "status", "« Déposée » ne peut pas passer à « Accordée »");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "RejetImplicite" }), "status", "ne se saisit pas");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "EnInstruction" })).StatusCode);
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "AvisCommissionRendu" }), "commissionOpinion", "obligatoire");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "AvisCommissionRendu", commissionOpinion = "FavorableAvecReserves", commissionSittingOn = Today }),
            "commissionReserves", "réserves");
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, new
        {
            status = "AvisCommissionRendu", commissionOpinion = "FavorableAvecReserves", commissionSittingOn = Today.AddDays(-2), commissionReserves = "Masquer les fenêtres.",
        })).StatusCode);
        var stale = await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "Refusee", version = 0 });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "Accordee" })).StatusCode);
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { status = "Refusee" }), "status", "close");

        var saved = await factory.WithDb(db => db.VideoAuthorisationRequests.AsNoTracking().SingleAsync(r => r.Id == request));
        Assert.Equal((VideoRequestStatus.Accordee, VideoCommissionOpinion.FavorableAvecReserves), (saved.Status, saved.CommissionOpinion!.Value));
        Assert.Equal(4, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoRequestSaved && e.EntityId == request.ToString())));
        var dto = (await s.RegisterAsync()).GetProperty("requests")[0];
        Assert.Equal("FavorableAvecReserves", dto.GetProperty("commissionOpinion").GetString());
        Assert.Equal("Masquer les fenêtres.", dto.GetProperty("commissionReserves").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PutAsJsonAsync(url, new { status = "Refusee" })).StatusCode);
    }

    [Fact]
    public async Task FollowupPage_FilesARequest_ThenMovesItOn()
    {
        var s = await factory.VideoSetupAsync();
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/videoprotection/suivi";
        var missing = await page.PostFormAsync(url + "?handler=Request", new() { ["RequestForm.Kind"] = "Initiale", ["RequestForm.Mode"] = "Perimetre", ["RequestForm.Status"] = "Deposee", ["RequestForm.Purposes"] = "5" }, url);
        Assert.Contains("date de dépôt", await TextAsync(missing));
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Request", new()
        {
            ["RequestForm.Kind"] = "Renouvellement", ["RequestForm.Mode"] = "Perimetre", ["RequestForm.Status"] = "Deposee", ["RequestForm.Purposes"] = "5", ["RequestForm.FiledOn"] = Day(Today),
        }, url)).StatusCode);
        var request = await factory.WithDb(db => db.VideoAuthorisationRequests.AsNoTracking().SingleAsync(r => r.ContractId == s.Contract.Id));
        Assert.Equal((VideoRequestKind.Renouvellement, VideoRequestStatus.Deposee), (request.Kind, request.Status));

        var form = await page.GetDocumentAsync($"{url}?demande={request.Id}");
        var version = form.QuerySelector("input[name='ProgressForm.Version']")!.GetAttribute("value")!;
        var action = $"{url}?handler=Progress&demande={request.Id}";
        var refused = await page.PostFormAsync(action, new() { ["ProgressForm.Status"] = "Refusee", ["ProgressForm.Version"] = version }, url);
        Assert.Contains("ne peut pas passer à « Refusée »", await TextAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(action, new() { ["ProgressForm.Status"] = "EnInstruction", ["ProgressForm.Version"] = version }, url)).StatusCode);
        Assert.Equal(VideoRequestStatus.EnInstruction, await factory.WithDb(db => db.VideoAuthorisationRequests.Where(r => r.Id == request.Id).Select(r => r.Status).SingleAsync()));
    }

    [Fact]
    public async Task EditPage_AnswersARequisition_AndRecordsAPurgeCheck()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var recorder = await s.CoordinatorApi.CreatedAsync($"{s.Base}/recorders", RecorderBody(auth, 15));
        var now = DateTimeOffset.UtcNow;
        var requisition = (await (await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/requisitions", new
        {
            number = "PV-PAGE-1", authority = "OPJ_PoliceNationale", frame = "Flagrance", receivedOn = Today, periodFrom = now.AddHours(-3), periodTo = now.AddHours(-2),
        })).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var page = await PageClient.SignedInAsync(factory, s.Coordinator);
        var url = $"/contrats/{s.Contract.Id}/videoprotection/saisie";
        Assert.Contains("Réponse à une réquisition", await TextAsync(await page.Http.GetAsync(url)));

        var early = await page.PostFormAsync(url + "?handler=Answer", new() { ["AnswerTarget"] = requisition.ToString(), ["AnswerForm.Response"] = "HorsChamp", ["AnswerForm.AnsweredOn"] = Day(Today.AddDays(-1)) }, url);
        Assert.Contains("ne peut pas précéder la réception", await TextAsync(early));
        var supplied = await page.PostFormAsync(url + "?handler=Answer", new() { ["AnswerTarget"] = requisition.ToString(), ["AnswerForm.Response"] = "Fournie" }, url);
        Assert.Contains("registre des extractions", await TextAsync(supplied));
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Answer", new() { ["AnswerTarget"] = requisition.ToString(), ["AnswerForm.Response"] = "HorsChamp", ["AnswerForm.AnsweredOn"] = Day(Today) }, url)).StatusCode);
        var answered = await factory.WithDb(db => db.VideoRequisitions.AsNoTracking().SingleAsync(r => r.Id == requisition));
        Assert.Equal((VideoRequisitionResponse.HorsChamp, Today), (answered.Response!.Value, answered.AnsweredOn!.Value));

        var oldest = DateTime.Now.AddDays(-10);
        var none = await page.PostFormAsync(url + "?handler=Purge", new() { ["PurgeForm.CheckedOn"] = Day(Today), ["PurgeForm.OldestImageAt"] = oldest.ToString("yyyy-MM-ddTHH:mm") }, url);
        Assert.Contains("Choisissez l'enregistreur contrôlé.", await TextAsync(none));
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(url + "?handler=Purge", new()
        {
            ["PurgeTarget"] = recorder.ToString(), ["PurgeForm.CheckedOn"] = Day(Today), ["PurgeForm.OldestImageAt"] = oldest.ToString("yyyy-MM-ddTHH:mm"),
        }, url)).StatusCode);
        var checkedRecorder = await factory.WithDb(db => db.VideoRecorders.AsNoTracking().SingleAsync(r => r.Id == recorder));
        Assert.Equal(Today, checkedRecorder.LastPurgeCheckOn);
        Assert.NotNull(checkedRecorder.OldestImageAt);

        // The recorder edit form, filled with the recorder and its version.
        var form = await page.GetDocumentAsync($"{url}?enregistreur={recorder}");
        Assert.Contains("Modifier l'enregistreur", form.Body!.TextContent);
        var version = form.QuerySelector("input[name='RecorderForm.Version']")!.GetAttribute("value")!;
        var action = $"{url}?handler=RecorderEdit&enregistreur={recorder}";
        var refused = await page.PostFormAsync(action, new() { ["RecorderForm.Name"] = "NVR", ["RecorderForm.AuthorisationId"] = auth.ToString(), ["RecorderForm.RetentionDays"] = "40", ["RecorderForm.Version"] = version }, url);
        Assert.Contains("dépasse celle de l'autorisation", await TextAsync(refused));
        Assert.Equal(HttpStatusCode.Redirect, (await page.PostFormAsync(action, new()
        {
            ["RecorderForm.Name"] = "NVR", ["RecorderForm.AuthorisationId"] = auth.ToString(), ["RecorderForm.RetentionDays"] = "12", ["RecorderForm.Version"] = version,
        }, url)).StatusCode);
        Assert.Equal(12, await factory.WithDb(db => db.VideoRecorders.Where(r => r.Id == recorder).Select(r => r.RetentionDays).SingleAsync()));
    }

    [Fact]
    public async Task OpinionWithoutSittingOrVisibility_IsMembersOnly_AndStaysOutOfThePublicReport()
    {
        var s = await factory.VideoSetupAsync();
        var opinion = await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/opinions", new { date = Today, subject = "Hors séance", text = "Avis-par-defaut-membres" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/opinions", new { date = Today, subject = "Hors séance", text = "Avis-choisi-public", visibility = "Public" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/reports", new { year = Today.Year, text = "Rapport du comité.", publish = true });
        await factory.WithDb(async db =>
        {
            (await db.Contracts.SingleAsync(c => c.Id == s.Contract.Id)).IsPublished = true;
            return await db.SaveChangesAsync();
        });
        Assert.Equal(MinutesVisibility.Members, await factory.WithDb(db => db.VideoCommitteeOpinions.Where(o => o.Id == opinion).Select(o => o.Visibility).SingleAsync()));
        var anonymous = PageClient.Create(factory);
        var text = await PdfText.FlatAsync(await anonymous.Http.GetByteArrayAsync($"/public/contrats/{s.Contract.Id}/videoprotection?handler=Rapport&annee={Today.Year}&systeme={s.SystemId}"));
        Assert.Contains("Avis-choisi-public", text);
        Assert.DoesNotContain("Avis-par-defaut-membres", text);
    }

    [Fact]
    public async Task CopyHandedOver_IsDestroyedOrTransmitted_OnValidDates()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.AuthorisationAsync();
        var camera = (await (await s.CameraAsync(auth)).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        var now = DateTimeOffset.UtcNow;
        var body = new
        {
            operatorName = "Opérateur CSU", operatorRole = "Opérateur", cameraIds = new[] { camera }, from = now.AddHours(-5), to = now.AddHours(-4), reason = "ConstatOperateur",
            recipient = "Police municipale", medium = "Securise", at = now.AddDays(-3), copyDestroyedOn = (DateOnly?)Today.AddDays(-5),
        };
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PostAsJsonAsync($"{s.Base}/extractions", body), "copyDestroyedOn", "ne peut pas précéder l'extraction");
        var extraction = await s.CoordinatorApi.CreatedAsync($"{s.Base}/extractions", body with { copyDestroyedOn = (DateOnly?)null });
        var url = $"{s.Base}/extractions/{extraction}/copy";
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { copyDestroyedOn = Today.AddDays(1) }), "copyDestroyedOn", "futur");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { parquetTransmittedOn = Today.AddDays(-4) }), "parquetTransmittedOn", "précéder l'extraction");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { }), "copyDestroyedOn", "Indiquez");
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PutAsJsonAsync(url, new { copyDestroyedOn = Today })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, new { parquetTransmittedOn = Today.AddDays(-2), version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await s.CoordinatorApi.PutAsJsonAsync(url, new { copyDestroyedOn = Today, version = 0 })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, new { copyDestroyedOn = Today })).StatusCode);
        var saved = await factory.WithDb(db => db.VideoExtractions.AsNoTracking().SingleAsync(e => e.Id == extraction));
        Assert.Equal((Today, Today.AddDays(-2)), (saved.CopyDestroyedOn!.Value, saved.ParquetTransmittedOn!.Value));
        Assert.Equal(2, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoExtractionCopyUpdated && e.EntityId == extraction.ToString())));
    }

    [Fact]
    public async Task AccessDecision_SetsThirdPartiesVisible_AndItsAnswerDateLiesBetweenReceiptAndToday()
    {
        var s = await factory.VideoSetupAsync();
        var slot = DateTimeOffset.UtcNow.AddDays(-6);
        var request = await s.CoordinatorApi.CreatedAsync($"{s.Base}/access-requests", new
        {
            reference = "DA-V7", receivedOn = Today.AddDays(-5), identityChecked = true, slotFrom = slot, slotTo = slot.AddMinutes(20), @object = "Visionnage",
        });
        var url = $"{s.Base}/access-requests/{request}/decision";
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { decision = "Accorde", thirdPartiesVisible = true }), "decision", "tiers sont visibles");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { decision = "Refuse", refusalReason = "DroitDesTiers", answeredOn = Today.AddDays(-6) }),
            "answeredOn", "ne peut pas précéder la réception");
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { decision = "Refuse", refusalReason = "DroitDesTiers", answeredOn = Today.AddDays(1) }), "answeredOn", "futur");
        Assert.Null(await factory.WithDb(db => db.VideoAccessRequests.Where(a => a.Id == request).Select(a => a.Decision).SingleAsync()));
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, new { decision = "AccordeAvecFloutage", thirdPartiesVisible = true, blurringDone = true, answeredOn = Today })).StatusCode);
        var saved = await factory.WithDb(db => db.VideoAccessRequests.AsNoTracking().SingleAsync(a => a.Id == request));
        Assert.True(saved.ThirdPartiesVisible);
        Assert.Equal((VideoAccessDecision.AccordeAvecFloutage, Today), (saved.Decision!.Value, saved.AnsweredOn!.Value));
    }

    [Fact]
    public async Task RegisterDto_CarriesTheMembersOnlyDetails_ReferralsToCoordinatorsOnly_AndCommitteeMembersAreEditedAndRemoved()
    {
        var s = await factory.VideoSetupAsync();
        var auth = await s.CoordinatorApi.CreatedAsync($"{s.Base}/authorisations", new
        {
            orderNumber = "2025-DTO", orderDate = Today, prefecture = "Hauts-de-Seine", mode = "Perimetre", purposes = new[] { 5 }, perimeterName = "Les Bergères",
            perimeterGeoJson = VideoKit.Perimeter, retentionDays = 20, minimumRetentionDays = 7, prescriptions = "Masquage des fenêtres.", effectiveOn = Today,
        });
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync($"{s.Base}/authorisations/{auth}/repeal", new { repealedOn = Today, motive = "Fin du projet" })).StatusCode);
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/diagnostics", new
        {
            date = Today, author = "ReferentSuretePN", perimeter = "Bergères", findings = "Constats-du-diagnostic", opinion = "Favorable",
            recommendations = new[] { new { site = "Place centrale", cameraKind = "DomePTZ", purpose = 5, priority = 2 } },
        });
        var member = await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/members", new { name = "Mme Conseillère", quality = "EluOpposition" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/reports", new { year = Today.Year, text = "Rapport-du-comite" });
        await s.CoordinatorApi.CreatedAsync($"{s.Base}/committee/referrals", new { reference = "SC-DTO", receivedOn = Today, subject = "Caméra tournée vers un balcon" });

        var register = await s.RegisterAsync(s.ReaderApi);
        var a = register.GetProperty("authorisations")[0];
        Assert.Equal(VideoKit.Perimeter, a.GetProperty("perimeterGeoJson").GetString());
        Assert.Equal(7, a.GetProperty("minimumRetentionDays").GetInt32());
        Assert.Equal("Masquage des fenêtres.", a.GetProperty("prescriptions").GetString());
        Assert.Equal("Fin du projet", a.GetProperty("repealMotive").GetString());
        Assert.Equal(Day(Today), a.GetProperty("repealedOn").GetString());
        var d = register.GetProperty("diagnostics")[0];
        Assert.Equal("Constats-du-diagnostic", d.GetProperty("findings").GetString());
        Assert.Equal(("DomePTZ", 5, 2), (d.GetProperty("recommendations")[0].GetProperty("cameraKind").GetString(), d.GetProperty("recommendations")[0].GetProperty("purpose").GetInt32(),
            d.GetProperty("recommendations")[0].GetProperty("priority").GetInt32()));
        Assert.Equal("Mme Conseillère", register.GetProperty("members")[0].GetProperty("name").GetString());
        Assert.Equal("Rapport-du-comite", register.GetProperty("reports")[0].GetProperty("text").GetString());
        // Citizens' referrals are the coordination's (as on the page): a reader gets their count, never their subject.
        Assert.Equal(0, register.GetProperty("referrals").GetArrayLength());
        Assert.Equal(1, register.GetProperty("referralCount").GetInt32());
        Assert.DoesNotContain("balcon", register.GetRawText());
        var coordinatorRegister = await s.RegisterAsync();
        Assert.Equal("SC-DTO", coordinatorRegister.GetProperty("referrals")[0].GetProperty("reference").GetString());
        Assert.Equal("Caméra tournée vers un balcon", coordinatorRegister.GetProperty("referrals")[0].GetProperty("subject").GetString());

        var url = $"{s.Base}/committee/members/{member}";
        await VideoKit.AssertRefusedAsync(await s.CoordinatorApi.PutAsJsonAsync(url, new { name = "Mme Conseillère", quality = "Inconnue", version = 0 }), "quality", "Valeurs possibles");
        Assert.Equal(HttpStatusCode.Forbidden, (await s.ReaderApi.PutAsJsonAsync(url, new { name = "X", quality = "Habitant" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.PutAsJsonAsync(url, new { name = "Mme Adjointe", quality = "EluMajorite", version = 0 })).StatusCode);
        var edited = await factory.WithDb(db => db.VideoCommitteeMembers.AsNoTracking().SingleAsync(m => m.Id == member));
        Assert.Equal(("Mme Adjointe", VideoCommitteeQuality.EluMajorite), (edited.Name, edited.Quality));
        Assert.Equal(HttpStatusCode.Conflict, (await s.CoordinatorApi.DeleteAsync($"{url}?version=0")).StatusCode);
        Assert.True(await factory.WithDb(db => db.VideoCommitteeMembers.AnyAsync(m => m.Id == member)));
        Assert.Equal(HttpStatusCode.NoContent, (await s.CoordinatorApi.DeleteAsync($"{url}?version={edited.Version}")).StatusCode);
        Assert.False(await factory.WithDb(db => db.VideoCommitteeMembers.AnyAsync(m => m.Id == member)));
        Assert.Equal(HttpStatusCode.NotFound, (await s.CoordinatorApi.DeleteAsync(url)).StatusCode);
        Assert.Equal(2, await factory.WithDb(db => db.AuditEvents.CountAsync(e => e.Kind == AuditKinds.VideoCommitteeChanged && e.Data!.Contains(member.ToString())
            && (e.Data!.Contains("member-updated") || e.Data!.Contains("member-removed")))));
    }
}
