using Vigie.Web.Features.ActionPlan;

namespace Vigie.Web.Features.Evaluation;

/// <summary>A block of the report's outline, rendered alike by the page (<c>_Report.cshtml</c>) and the PDF (<see cref="EvaluationPdf"/>).</summary>
public abstract record EvaluationBlock;

/// <summary>A numbered part (level 1: "3. Mise en œuvre") or a sub-part (level 2).</summary>
public sealed record EvaluationHeadingBlock(int Level, string Text) : EvaluationBlock;

public sealed record EvaluationParagraphBlock(string Text, string? Id = null, bool Muted = false) : EvaluationBlock;

public sealed record EvaluationBulletsBlock(IReadOnlyList<string> Items) : EvaluationBlock;

public sealed record EvaluationPairsBlock(IReadOnlyList<(string Label, string Value)> Pairs) : EvaluationBlock;

/// <summary>A table: always with its source and extraction date (<see cref="EvaluationTable.SourceLine"/>).</summary>
public sealed record EvaluationTableBlock(EvaluationTable Table, IReadOnlyList<double>? Widths = null) : EvaluationBlock;

/// <summary>
/// The outline of specs §5.3, numbered 0 to 8, as one list of blocks from the report an audience may read: the page and the
/// PDF render the same blocks, so both carry the same parts, tables and source lines. Contributed sections (ports) fall in
/// part 2 (the diagnostic reminder, <see cref="EvaluationSectionContent.Part"/> 2) or part 5 (context: observatory, survey,
/// signalements, video-protection, follow-up aggregates), numbered within it.
/// </summary>
public static class EvaluationOutline
{
    public static readonly IReadOnlyList<string> Parts =
    [
        "0. Synthèse", "1. Cadre et méthode", "2. Rappel du diagnostic et de la stratégie", "3. Mise en œuvre", "4. Résultats par axe et par fiche",
        "5. Évolution du contexte", "6. Appréciation par critère", "7. Recommandations et orientations", "8. Annexes",
    ];

    public const string MembersOnly = "La liste des partenaires et de leurs engagements figure dans le rapport remis aux membres du contrat.";
    public const string BudgetSource = "lignes budgétaires des fiches action dans Vigie";
    public const string EvaluatorsSource = "appréciations et recommandations écrites par les évaluateurs dans Vigie";

    /// <summary>The glossary of the annexes: the terms the report uses.</summary>
    public static readonly IReadOnlyList<(string Term, string Definition)> Glossary =
    [
        ("CLS / CLSPD", "contrat local de sécurité ; conseil local de sécurité et de prévention de la délinquance, qui le pilote"),
        ("Formation restreinte", "formation du CLSPD en nombre limité de membres, qui valide le rapport d'évaluation"),
        ("Formation plénière", "réunion de tous les membres du CLSPD, où le rapport est présenté"),
        ("Fiche action", "action du plan, avec son pilote, ses partenaires, ses jalons, son budget et ses indicateurs"),
        ("Indicateur de réalisation, de résultat, d'impact", "chaîne des indicateurs : ce qui a été produit, l'effet sur le public visé, l'évolution du territoire"),
        ("Référence (T0), cible, réalisé", "valeur de départ de l'indicateur, valeur visée, dernière valeur relevée sur la période évaluée"),
        ("Écart", "réalisé moins cible : négatif quand la cible n'est pas atteinte pour un indicateur qui doit augmenter"),
        ("Efficience", "rapport entre les moyens dépensés et les réalisations obtenues (coût par unité produite)"),
        ("Secret statistique", $"tout effectif inférieur à {EvaluationSectionContext.SmallCell} est masqué, ainsi que tout total qui permettrait de le retrouver"),
        ("SSMSI", "service statistique ministériel de la sécurité intérieure, source de la délinquance enregistrée"),
    ];

    public static IReadOnlyList<EvaluationBlock> Build(EvaluationReportView r)
    {
        var b = new List<EvaluationBlock>();
        var e = r.Evaluation;
        var today = r.ExtractedOn;
        EvaluationTable Table(string caption, IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows, string source) =>
            new(caption, headers, [.. rows], source, today);
        void Add(EvaluationTable t, IReadOnlyList<double>? widths = null) => b.Add(new EvaluationTableBlock(t, widths));
        void Heading(int part) => b.Add(new EvaluationHeadingBlock(1, Parts[part]));
        void Sub(string text) => b.Add(new EvaluationHeadingBlock(2, text));
        string N(int n) => n.ToString(Culture.French);
        var overallRatings = r.Ratings.Where(x => x.ItemTitle is null).ToList();
        var spent = r.BudgetByFunder.Sum(x => x.Spent);

        // 0. Synthèse: key figures, criterion ratings, top 5 recommendations.
        Heading(0);
        b.Add(new EvaluationParagraphBlock($"Bilan des objectifs : {r.Overall.Sentence}.", Id: "overall"));
        Add(Table("Chiffres clés", ["Indicateur", "Valeur"],
        [
            ["Fiches action évaluées", N(r.Actions.Count)],
            ["Objectifs atteints", N(r.Overall.Met)], ["Partiellement atteints", N(r.Overall.Partly)],
            ["Non atteints", N(r.Overall.NotMet)], ["Non évalués", N(r.Overall.NotAssessed)],
            ["Réunions tenues", N(r.Governance.Bodies.Sum(x => x.Held))],
            .. r.BudgetByFunder.Count > 0 ? new IReadOnlyList<string>[] { ["Budget dépensé", EvaluationLabels.Euros(spent)] } : [],
        ], $"{EvaluationReportView.PlanSource} ; {EvaluationReportView.GovernanceSource}" + (r.BudgetByFunder.Count > 0 ? " ; " + BudgetSource : "")), [3, 1]);
        if (e.Conclusion is { } conclusion) b.Add(new EvaluationParagraphBlock(conclusion));
        if (overallRatings.Count > 0)
            Add(Table("Appréciation d'ensemble par critère", ["Critère", "Appréciation", "Élément de preuve"],
                overallRatings.Select(x => (IReadOnlyList<string>)[EvaluationLabels.Criterion(x.Criterion), EvaluationLabels.Level(x.Level), x.Evidence ?? "—"]),
                EvaluatorsSource), [1, 1, 3]);
        else b.Add(new EvaluationParagraphBlock("Aucune appréciation d'ensemble par critère n'a été saisie.", Muted: true));
        if (r.Recommendations.Count > 0)
            Add(Table("Principales recommandations", ["Recommandation", "Porteur", "Priorité"],
                r.Recommendations.Take(5).Select(x => (IReadOnlyList<string>)[x.Text, x.Owner ?? "—", EvaluationLabels.Priority(x.Priority)]), EvaluatorsSource), [3, 1.5, 1]);

        // 1. Cadre et méthode: mandate, body, evaluative questions, sources and limits, no named data.
        Heading(1);
        b.Add(new EvaluationPairsBlock(
        [
            ("Commanditaire", e.RequestedBy ?? "non renseigné"),
            ("Instance chargée de l'évaluation", r.MandateBody ?? "non renseignée"),
            ("Approbation du conseil municipal", Culture.Date(e.CouncilApprovalDate)),
            ("Période évaluée", $"{Culture.Date(e.PeriodStart)} – {Culture.Date(e.PeriodEnd)}"),
        ]));
        Sub("Questions évaluatives par critère");
        if (r.Ratings.Count == 0) b.Add(new EvaluationParagraphBlock("Aucune question évaluative saisie.", Muted: true));
        else b.Add(new EvaluationBulletsBlock([.. r.Ratings.Select(x => $"{EvaluationLabels.Criterion(x.Criterion)} — {(x.ItemTitle is { } t ? t + " : " : "")}{x.Question}")]));
        Sub("Sources et limites");
        b.Add(new EvaluationBulletsBlock(
        [
            "Sources : plan d'action (indicateurs, jalons, lignes budgétaires), gouvernance (réunions, présences, décisions, tâches) et, lorsqu'ils existent, "
                + "diagnostic, observatoire (SSMSI), enquête de victimation, signalements, vidéoprotection et agrégats anonymes du suivi individuel ; chaque tableau nomme sa source et sa date d'extraction.",
            "Délinquance enregistrée (SSMSI) : les cellules couvertes par le secret statistique restent masquées ; les faits enregistrés dépendent de la plainte et de l'activité des services.",
            "Enquête de victimation : échantillon par quotas, résultats pondérés donnés avec leur intervalle de confiance à 95 % ; un écart entre deux vagues compris dans ces intervalles n'est pas significatif.",
            "Les données des partenaires sont juxtaposées, non fusionnées ; l'évolution du contexte est contributive : elle ne s'attribue pas aux seules actions du contrat.",
            $"Secret statistique : tout effectif inférieur à {EvaluationSectionContext.SmallCell} est masqué, ainsi que tout total qui le révélerait.",
            "Aucune donnée nominative ne figure dans ce rapport.",
        ]));

        // 2. Rappel du diagnostic et de la stratégie: T0 findings, axes and fiches, partners and commitments, budget plan.
        Heading(2);
        var sub = 0;
        foreach (var s in r.Sections.Where(s => s.Part == 2)) Section(b, s, $"2.{++sub}");
        Sub($"2.{++sub} Axes et fiches action");
        Add(Table("Axes et fiches action du plan", ["Fiche action", "Axe"],
            r.Actions.Select(a => (IReadOnlyList<string>)[$"{a.Number}. {a.Title}", a.Priority ?? "—"]), EvaluationReportView.PlanSource), [3, 2]);
        Sub($"2.{++sub} Partenaires et engagements");
        var partners = r.Partners ?? [];
        if (r.IsPublic) b.Add(new EvaluationParagraphBlock(MembersOnly, Muted: true));
        else if (partners.Count == 0) b.Add(new EvaluationParagraphBlock("Aucun partenaire signataire enregistré.", Muted: true));
        else
            Add(Table("Partenaires du contrat et leurs engagements", ["Partenaire", "Signature du contrat", "Engagements sur les fiches"],
                partners.Select(p => (IReadOnlyList<string>)[p.Organisation, p.SignedOn is { } d ? Culture.Date(d) : "non signataire", N(p.Commitments)]),
                EvaluationReportView.ContractSource + " ; engagements des fiches action"), [3, 1.2, 1]);
        if (r.BudgetByFunder.Count > 0)
        {
            Sub($"2.{++sub} Plan de financement");
            Add(Table("Plan de financement par financeur", ["Financeur", "Prévu"],
                r.BudgetByFunder.Select(x => (IReadOnlyList<string>)[PlanLabels.Funder(x.Funder), EvaluationLabels.Euros(x.Planned)]), BudgetSource), [3, 1]);
        }

        // 3. Mise en œuvre: per fiche status, dates, milestones, budget by funder; governance; charters signed.
        Heading(3);
        Add(Table("Réalisation des fiches action", ["Fiche", "Statut", "Dates (début – fin)", "Avancement", "Jalons tenus"],
            r.Actions.Select(a => (IReadOnlyList<string>)[$"{a.Number}. {a.Title}", a.Status ?? "—", $"{Culture.Date(a.StartDate)} – {Culture.Date(a.EndDate)}",
                a.Progress + " %", $"{a.MilestonesMet} / {a.Milestones}"]), EvaluationReportView.PlanSource), [2.8, 1.2, 1.8, 1, 1]);
        if (r.Actions.Any(a => a.Budget.Count > 0))
            Add(Table("Budget par fiche et par financeur", ["Fiche", "Financeur", "Prévu", "Accordé", "Dépensé"],
                r.Actions.SelectMany(a => a.Budget.Select(x => (IReadOnlyList<string>)[$"{a.Number}. {a.Title}", PlanLabels.Funder(x.Funder),
                    EvaluationLabels.Euros(x.Planned), EvaluationLabels.Euros(x.Granted), EvaluationLabels.Euros(x.Spent)])), BudgetSource), [3, 1.5, 1, 1, 1]);
        if (r.BudgetByFunder.Count > 0)
            Add(Table("Budget par financeur", ["Financeur", "Prévu", "Accordé", "Dépensé"],
                r.BudgetByFunder.Select(x => (IReadOnlyList<string>)[PlanLabels.Funder(x.Funder), EvaluationLabels.Euros(x.Planned), EvaluationLabels.Euros(x.Granted), EvaluationLabels.Euros(x.Spent)]),
                BudgetSource));
        Sub("Gouvernance");
        var g = r.Governance;
        Add(Table("Réunions tenues et prévues par instance", ["Instance", "Prévues", "Tenues", "Annulées"],
            g.Bodies.Select(x => (IReadOnlyList<string>)[x.Name, N(x.Planned), N(x.Held), N(x.Cancelled)]), EvaluationReportView.GovernanceSource), [3, 1, 1, 1]);
        Add(Table("Assiduité par institution (réunions tenues)", ["Institution", "Convocations", "Présences", "Taux"],
            g.Attendance.Select(a => (IReadOnlyList<string>)[a.Organisation, N(a.Expected), N(a.Present), a.Rate is { } x ? Infrastructure.Pdf.PdfReport.Percent(x * 100) : "—"]),
            EvaluationReportView.GovernanceSource), [3, 1, 1, 1]);
        Add(Table("Décisions et tâches de suivi", ["Élément", "Nombre"],
        [
            ["Décisions prises", N(g.Decisions)], ["Tâches de suivi", N(g.Tasks)],
            ["Tâches closes dans les délais", $"{N(g.TasksClosedOnTime)} sur {N(g.TasksWithDueDate)} avec échéance"], ["Tâches encore ouvertes", N(g.TasksOpen)],
        ], EvaluationReportView.GovernanceSource), [3, 1.5]);
        if (r.Charters is { Count: > 0 } charters)
            Add(Table("Chartes de confidentialité signées (suivi individuel)", ["Groupe", "Version de la charte", "Membres actifs", "Signataires de la version"],
                charters.Select(c => (IReadOnlyList<string>)[c.Group, N(c.CharterVersion), EvaluationSectionContext.Count(c.Members), EvaluationSectionContext.Count(c.Signed)]), EvaluationReportView.CasesSource), [3, 1, 1, 1]);

        // 4. Résultats par axe et par fiche: baseline → target → achieved, gap.
        Heading(4);
        Add(Table("Objectifs par axe", ["Axe", "Fiches", "Atteints", "Partiellement", "Non atteints"],
            r.Priorities.Select(p => (IReadOnlyList<string>)[$"{p.Number}. {p.Title}", N(p.Actions), N(p.Met), N(p.Partly), N(p.NotMet)]), EvaluationReportView.PlanSource), [3, 1, 1, 1, 1]);
        foreach (var p in r.Priorities.Where(p => p.Indicators is { Count: > 0 }))
            Add(Indicators($"Axe {p.Number}. {p.Title} — indicateurs de l'axe et de ses objectifs", p.Indicators!, today), IndicatorWidths);
        foreach (var a in r.Actions.Where(a => a.Indicators.Count > 0))
            Add(Indicators($"Chaîne d'indicateurs de la fiche {a.Number}. {a.Title}", a.Indicators, today), IndicatorWidths);
        var judged = r.Actions.Where(a => a.Attainment is not null && !a.Computed || a.Comment is not null).ToList();
        if (judged.Count > 0)
        {
            Sub("Appréciations écrites des fiches sans cible chiffrée");
            b.Add(new EvaluationBulletsBlock([.. judged.Select(a => $"{a.Number}. {a.Title} : objectif {EvaluationFigures.Label(a.Attainment)}"
                + (a.Computed ? "" : " (appréciation écrite des évaluateurs)") + (a.Comment is { } c ? " — " + c : ""))]));
        }

        // 5. Évolution du contexte: the contributed sections (contributive only).
        Heading(5);
        sub = 0;
        var context = r.Sections.Where(s => s.Part != 2).ToList();
        if (context.Count == 0) b.Add(new EvaluationParagraphBlock("Aucune donnée de contexte (observatoire, enquête, signalements, vidéoprotection, suivi individuel) pour la période.", Muted: true));
        foreach (var s in context) Section(b, s, $"5.{++sub}");

        // 6. Appréciation par critère, with efficiency as cost per output where both exist.
        Heading(6);
        if (r.Ratings.Count == 0) b.Add(new EvaluationParagraphBlock("Aucune appréciation saisie.", Muted: true));
        else
            Add(Table("Questions évaluatives et appréciations", ["Critère", "Question évaluative", "Appréciation", "Éléments de preuve", "Confiance"],
                r.Ratings.Select(x => (IReadOnlyList<string>)[EvaluationLabels.Criterion(x.Criterion), (x.ItemTitle is { } t ? t + " — " : "") + x.Question,
                    EvaluationLabels.Level(x.Level), x.Evidence ?? "—", EvaluationLabels.Confidence(x.Confidence)]), EvaluatorsSource), [1, 2.5, 1, 2.5, 0.8]);
        var efficiency = CostPerOutput(r).ToList();
        if (efficiency.Count > 0)
            Add(Table("Efficience : coût par réalisation", ["Fiche", "Indicateur de réalisation", "Réalisé", "Dépensé", "Coût par unité"],
                efficiency, $"{EvaluationReportView.PlanSource} ; {BudgetSource}"), [2.5, 2, 1, 1, 1.2]);

        // 7. Recommandations et orientations.
        Heading(7);
        if (r.Recommendations.Count == 0) b.Add(new EvaluationParagraphBlock("Aucune recommandation.", Muted: true));
        else
            Add(Table("Recommandations pour la stratégie suivante", ["Recommandation", "Porteur", "Priorité", "Fiche action brouillon"],
                r.Recommendations.Select(x => (IReadOnlyList<string>)[x.Text, x.Owner ?? "—", EvaluationLabels.Priority(x.Priority), x.DraftPlanItemId is null ? "à créer" : "créée"]),
                EvaluatorsSource), [3, 1.5, 1, 1.2]);

        // 8. Annexes: indicator dictionary, composition of bodies, survey methodology, glossary, SFE reference.
        Heading(8);
        var dictionary = r.Priorities.SelectMany(p => (p.Indicators ?? []).Select(i => (Item: $"Axe {p.Number}", i)))
            .Concat(r.Actions.SelectMany(a => a.Indicators.Select(i => (Item: $"Fiche {a.Number}", i)))).ToList();
        if (dictionary.Count > 0)
            Add(Table("Dictionnaire des indicateurs", ["Indicateur", "Élément du plan", "Niveau", "Unité", "Source des valeurs"],
                dictionary.Select(d => (IReadOnlyList<string>)[d.i.Name, d.Item, PlanLabels.IndicatorKind(d.i.Kind), d.i.Unit, d.i.Source]), EvaluationReportView.PlanSource), [2.5, 1, 1, 1, 2]);
        if (r.IsPublic) b.Add(new EvaluationParagraphBlock("La composition des instances figure dans le rapport remis aux membres du contrat.", Muted: true));
        else if (r.Composition is { Count: > 0 } composition)
            Add(Table("Composition des instances", ["Instance", "Institutions représentées"],
                composition.Select(c => (IReadOnlyList<string>)[c.Body, c.Organisations.Count == 0 ? "—" : string.Join(", ", c.Organisations)]), EvaluationReportView.GovernanceSource), [2, 4]);
        foreach (var s in r.Sections.Where(s => s.Methodology is { Count: > 0 }))
        {
            Sub($"Méthodologie — {s.Title}");
            b.Add(new EvaluationBulletsBlock(s.Methodology!));
        }
        Sub("Glossaire");
        b.Add(new EvaluationBulletsBlock([.. Glossary.Select(x => $"{x.Term} : {x.Definition}")]));
        b.Add(new EvaluationBulletsBlock(["Référentiel : critères d'évaluation de la Société française de l'évaluation (charte SFE) et du CAD de l'OCDE (2019)."]));
        return b;
    }

    private static readonly IReadOnlyList<double> IndicatorWidths = [2.5, 1, 1.3, 1.3, 1.3, 0.8, 1.2, 1.6];

    private static EvaluationTable Indicators(string caption, IReadOnlyList<EvaluationIndicatorLine> lines, DateOnly today) =>
        new(caption, ["Indicateur", "Niveau", "Référence", "Cible", "Réalisé", "Écart", "Appréciation", "Source"],
            [.. lines.Select(i => (IReadOnlyList<string>)[$"{i.Name} ({i.Unit})", PlanLabels.IndicatorKind(i.Kind),
                $"{EvaluationLabels.Number(i.Baseline)} ({Culture.Date(i.BaselineDate)})", $"{EvaluationLabels.Number(i.Target)} ({Culture.Date(i.TargetDate)})",
                $"{EvaluationLabels.Number(i.Achieved)} ({Culture.Date(i.AchievedOn)})", Gap(i), EvaluationFigures.Label(i.Attainment), i.Source])],
            string.Join(" ; ", lines.Select(i => i.Source).Distinct()), today);

    /// <summary>The gap of an indicator: achieved minus target, signed ("+3", "−2"), "—" without both.</summary>
    public static string Gap(EvaluationIndicatorLine i)
    {
        if (i.Achieved is not { } a || i.Target is not { } t) return "—";
        var d = a - t;
        return d > 0 ? "+" + EvaluationLabels.Number(d) : d < 0 ? "−" + EvaluationLabels.Number(-d) : "0";
    }

    /// <summary>Cost per output: an action's spent budget over the achieved value of each of its output indicators, where both exist.</summary>
    public static IEnumerable<IReadOnlyList<string>> CostPerOutput(EvaluationReportView r) =>
        from a in r.Actions
        let spent = a.Budget.Sum(x => x.Spent)
        where spent > 0
        from i in a.Indicators
        where i.Kind == PlanIndicatorKind.Output && i.Achieved > 0
        select (IReadOnlyList<string>)[$"{a.Number}. {a.Title}", $"{i.Name} ({i.Unit})", EvaluationLabels.Number(i.Achieved), EvaluationLabels.Euros(spent),
            (spent / i.Achieved!.Value).ToString("N2", Culture.French) + " € par unité (" + i.Unit + ")"];

    private static void Section(List<EvaluationBlock> b, EvaluationSectionContent s, string number)
    {
        b.Add(new EvaluationHeadingBlock(2, $"{number} {s.Title}"));
        if (s.Paragraphs.Count > 0) b.Add(new EvaluationBulletsBlock(s.Paragraphs));
        foreach (var t in s.Tables) b.Add(new EvaluationTableBlock(t));
    }
}
