namespace Vigie.Web.Features.Survey;

/// <summary>
/// The default questionnaire of specs §2.3 (French wordings adapted from CVS/VRS indicators, residents 15+, last 12
/// months; sensitive items excluded). Copied into each new survey, where it can be edited until a wave has responses.
/// </summary>
public static class SurveyTemplate
{
    public const string Frequency = "1=Souvent|2=De temps en temps|3=Rarement|4=Jamais";
    public const string Efficacy = "1=Très efficace|2=Plutôt efficace|3=Plutôt pas efficace|4=Pas du tout efficace";
    public const string Satisfaction = "1=Très satisfaisante|2=Plutôt satisfaisante|3=Plutôt pas satisfaisante|4=Pas du tout satisfaisante";
    public const string YesNo = "1=Oui|2=Non";

    public sealed record Item(string Code, string Section, string Text, SurveyQuestionType Type, string? Options = null, string? Rows = null,
        int? MaxChoices = null, string? ShowIf = null);

    public const string Profile = "A. Profil";
    public const string Feeling = "B. Sentiment d'insécurité";
    public const string Surroundings = "C. Cadre de vie (12 derniers mois)";
    public const string Victimisation = "D. Victimation (12 derniers mois)";
    public const string Institutions = "E. Institutions";

    public const string C1Rows = "C1a=Bruit et nuisances sonores|C1b=Consommation de drogue dans l'espace public ou les parties communes|C1c=Trafic ou revente de drogue"
        + "|C1d=Consommation excessive d'alcool sur la voie publique|C1e=Dégradations de mobilier urbain ou d'équipements|C1f=Tags, graffitis"
        + "|C1g=Dépôts sauvages, encombrants|C1h=Regroupements gênants (halls, parties communes, espaces publics)|C1i=Rodéos motorisés"
        + "|C1j=Véhicules abandonnés ou épaves";

    public static readonly IReadOnlyList<Item> Items =
    [
        new("A1", Profile, "Vous êtes…", SurveyQuestionType.SingleChoice, "1=Femme|2=Homme|3=Autre ou ne souhaite pas répondre"),
        new("A2", Profile, "Quelle est votre année de naissance ?", SurveyQuestionType.BirthYear),
        new("A3", Profile, "Dans quel quartier habitez-vous ?", SurveyQuestionType.Zone),
        new("A4", Profile, "Vous êtes…", SurveyQuestionType.SingleChoice, "1=Locataire HLM|2=Locataire parc privé|3=Propriétaire|4=Hébergé|5=Autre"),
        new("B1", Feeling, "Vous arrive-t-il de vous sentir en insécurité à votre domicile ?", SurveyQuestionType.Frequency4, Frequency),
        new("B2", Feeling, "Vous arrive-t-il de vous sentir en insécurité dans votre quartier ?", SurveyQuestionType.Frequency4, Frequency),
        new("B3", Feeling, "Vous arrive-t-il d'avoir peur lorsque vous êtes seul(e) dans votre quartier le soir ?", SurveyQuestionType.Frequency4,
            Frequency + "|96=Je ne sors pas le soir"),
        new("B4", Feeling, "Vous arrive-t-il de vous sentir en insécurité dans les transports en commun (bus, tram, train) ?", SurveyQuestionType.Frequency4,
            Frequency + "|96=Je ne les utilise pas"),
        new("B5", Feeling, "Vous arrive-t-il de renoncer à sortir seul(e) de chez vous pour des raisons de sécurité ?", SurveyQuestionType.Frequency4, Frequency),
        new("B6", Feeling, "Qu'est-ce qui vous inquiète le plus pour vous-même ? (3 réponses au plus)", SurveyQuestionType.MultipleChoice,
            "1=Cambriolage|2=Agression physique|3=Vol ou racket|4=Injures ou menaces|5=Agression ou harcèlement sexuel|6=Rien de particulier", MaxChoices: 3),
        new("C1", Surroundings, "Dans votre quartier, avez-vous constaté vous-même au cours des 12 derniers mois…", SurveyQuestionType.Grid, Frequency, C1Rows),
        new("C2", Surroundings, "Parmi ces problèmes, lequel faut-il traiter en priorité ?", SurveyQuestionType.SingleChoice,
            "1=Bruit et nuisances sonores|2=Consommation de drogue|3=Trafic de drogue|4=Alcool sur la voie publique|5=Dégradations|6=Tags, graffitis"
            + "|7=Dépôts sauvages|8=Regroupements gênants|9=Rodéos motorisés|10=Véhicules abandonnés|11=Aucun"),
        new("C3", Surroundings, "Diriez-vous que votre quartier est agréable à vivre ?", SurveyQuestionType.SingleChoice,
            "1=Très agréable|2=Plutôt agréable|3=Plutôt pas agréable|4=Pas du tout agréable"),
        new("D1", Victimisation, "Votre logement a-t-il été cambriolé, ou a-t-on tenté de le cambrioler ?", SurveyQuestionType.YesNo, YesNo),
        new("D2", Victimisation, "Vous ou un membre de votre ménage a-t-il été victime d'un vol ou d'une tentative de vol de véhicule ou d'objets dans un véhicule ?",
            SurveyQuestionType.YesNo, YesNo + "|96=Pas de véhicule"),
        new("D3", Victimisation, "Votre logement ou votre véhicule a-t-il été volontairement dégradé ?", SurveyQuestionType.YesNo, YesNo),
        new("D4", Victimisation, "Avez-vous personnellement été victime d'un vol ou d'une tentative de vol sans violence (sac, téléphone…) ?", SurveyQuestionType.YesNo, YesNo),
        new("D5", Victimisation, "Avez-vous personnellement été victime d'un vol avec violence ou d'une agression physique hors de votre foyer ?", SurveyQuestionType.YesNo, YesNo),
        new("D6", Victimisation, "Avez-vous personnellement été victime d'injures ou de menaces ?", SurveyQuestionType.YesNo, YesNo),
        new("D7", Victimisation, "Pour le fait le plus récent : où s'est-il produit, et l'avez-vous signalé ?", SurveyQuestionType.Grid,
            null, "D7a=Lieu : 1 Dans le quartier, 2 Ailleurs dans la commune, 3 Hors commune|D7b=Signalement : 1 Plainte, 2 Main courante ou déclaration, 3 Non",
            ShowIf: "D1=1|D2=1|D3=1|D4=1|D5=1|D6=1"),
        new("E1", Institutions, "Selon vous, dans votre quartier, l'action de la police et de la gendarmerie contre la délinquance est…", SurveyQuestionType.Efficacy4, Efficacy),
        new("E2", Institutions, "Et leur présence dans votre quartier est…", SurveyQuestionType.SingleChoice,
            "1=Suffisante|2=Insuffisante|3=Inexistante alors qu'elle serait nécessaire|4=Inexistante et non nécessaire"),
        new("E3", Institutions, "Êtes-vous satisfait(e) de l'action de la police municipale dans votre quartier ?", SurveyQuestionType.Efficacy4,
            Satisfaction + "|96=Pas de police municipale"),
        new("E4", Institutions, "Qu'est-ce qui améliorerait le plus votre sentiment de sécurité ?", SurveyQuestionType.FreeText),
    ];

    /// <summary>D7's rows share a three-answer scale each.</summary>
    public const string D7Scale = "1|2|3";

    public static List<SurveyQuestion> Questions(Guid surveyId, Guid contractId) =>
        [.. Items.Select((i, n) => new SurveyQuestion
        {
            Id = Guid.NewGuid(), SurveyId = surveyId, ContractId = contractId, Code = i.Code, Section = i.Section, Text = i.Text, Type = i.Type,
            Options = i.Options, Rows = i.Rows, MaxChoices = i.MaxChoices, ShowIf = i.ShowIf, Position = n + 1,
        })];
}
