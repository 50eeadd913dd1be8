using System.Globalization;

namespace Vigie.Web.Features.Survey;

/// <summary>A response that passed the rules: coded answers by column, the weighting variables, the scrubbed free text.</summary>
public sealed record SurveyParsedResponse(Dictionary<string, int> Coded, int Sex, int BirthYear, string Quartier, string? FreeText, bool Incomplete, int Dropped);

/// <summary>A field or column in error, in French.</summary>
public sealed record SurveyFieldError(string Column, string Message);

/// <summary>
/// The rules of specs §2.7, shared by the import and the public answer page: codes in the allowed set, age ≥ 15 at
/// collection, quartier from the wave's referential, at most <c>maxChoices</c> options, free text ≤ 500 characters
/// (scrubbed of e-mails, phone numbers and plates), skip logic (a value shown by no rule is dropped and counted),
/// completion ≥ 80 % of applicable items (else the response is kept but flagged incomplete).
/// </summary>
public static class SurveyResponseRules
{
    public const int FreeTextMax = 500;
    public const double CompletionThreshold = 0.8;

    public static (SurveyParsedResponse? Response, List<SurveyFieldError> Errors) Parse(SurveyQuestionnaire qn, Func<string, string?> value,
        DateOnly collectedOn, IReadOnlySet<string> quartiers)
    {
        var errors = new List<SurveyFieldError>();
        var coded = new Dictionary<string, int>(StringComparer.Ordinal);
        var answered = new HashSet<string>(StringComparer.Ordinal);
        int sex = 0, birthYear = 0;
        string quartier = "";
        string? freeText = null;

        foreach (var c in qn.Columns)
        {
            var raw = value(c.Code)?.Trim();
            switch (c.Kind)
            {
                case SurveyColumnKind.Zone:
                    // The quartier is the fixed column "quartier" (A3 repeats it when present).
                    quartier = (value("quartier") ?? raw ?? "").Trim();
                    if (quartier.Length == 0) errors.Add(new("quartier", "le quartier est obligatoire (il sert au redressement)."));
                    else if (!quartiers.Contains(quartier))
                        errors.Add(new("quartier", $"le quartier « {quartier} » n'est pas dans le référentiel de la vague ({string.Join(", ", quartiers.Order(StringComparer.Ordinal))})."));
                    else answered.Add(c.Question.Code);
                    continue;
                case SurveyColumnKind.Text:
                    if (string.IsNullOrWhiteSpace(raw)) continue;
                    if (raw.Length > FreeTextMax) { errors.Add(new(c.Code, $"le texte libre dépasse {FreeTextMax} caractères ({raw.Length}).")); continue; }
                    freeText = PublicText.Scrub(raw);
                    answered.Add(c.Question.Code);
                    continue;
                case SurveyColumnKind.BirthYear:
                    if (string.IsNullOrEmpty(raw)) { errors.Add(new(c.Code, "l'année de naissance est obligatoire (elle sert au redressement).")); continue; }
                    if (raw.Length != 4 || !int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out birthYear))
                    {
                        errors.Add(new(c.Code, $"« {raw} » n'est pas une année sur quatre chiffres (AAAA)."));
                        continue;
                    }
                    var age = collectedOn.Year - birthYear;
                    if (age < 15) errors.Add(new(c.Code, $"l'âge à la date de collecte est de {age} an(s) : l'enquête porte sur les 15 ans ou plus."));
                    else if (age > 120) errors.Add(new(c.Code, $"l'année de naissance {birthYear} est invraisemblable."));
                    else answered.Add(c.Question.Code);
                    continue;
            }
            if (string.IsNullOrEmpty(raw))
            {
                if (c.Question.Code == SurveyQuestionnaire.SexCode) errors.Add(new(c.Code, "le sexe (A1) est obligatoire (il sert au redressement)."));
                continue;
            }
            if (!int.TryParse(raw, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var code) || !c.Allows(code))
            {
                errors.Add(new(c.Code, $"code « {raw} » non admis pour {c.Code} ({Allowed(c)})."));
                continue;
            }
            coded[c.Code] = code;
            answered.Add(c.Question.Code);
            if (c.Question.Code == SurveyQuestionnaire.SexCode) sex = code;
        }

        foreach (var q in qn.Questions.Where(q => q.Type == SurveyQuestionType.MultipleChoice && q.MaxChoices is not null))
        {
            var chosen = qn.Columns.Count(c => c.Question == q && coded.TryGetValue(c.Code, out var v) && v == 1);
            if (chosen > q.MaxChoices) errors.Add(new(q.Code, $"{chosen} réponses cochées pour {q.Code} : {q.MaxChoices} au plus."));
        }
        if (errors.Count > 0) return (null, errors);

        // Skip logic: a value given to a question its rule does not show is dropped (specs §2.7: warning, not error).
        var dropped = 0;
        var applicable = 0;
        foreach (var q in qn.Questions)
        {
            if (SurveyQuestionnaire.Shown(q, coded)) { applicable++; continue; }
            foreach (var c in qn.Columns.Where(c => c.Question == q))
                if (coded.Remove(c.Code)) dropped++;
            if (q.Type == SurveyQuestionType.FreeText && freeText is not null) { freeText = null; dropped++; }
            answered.Remove(q.Code);
        }
        var incomplete = answered.Count < CompletionThreshold * applicable;
        return (new SurveyParsedResponse(coded, sex, birthYear, quartier, freeText, incomplete, dropped), errors);
    }

    private static string Allowed(SurveyColumn c) => c.Kind switch
    {
        SurveyColumnKind.Flag => "0 ou 1",
        SurveyColumnKind.Count => "nombre entier de 0 à 99",
        _ => "codes admis : " + string.Join(", ", c.Options.Select(o => o.Code).Concat(
            c.Question.Type is SurveyQuestionType.Frequency4 or SurveyQuestionType.Grid ? [96, 97, 98] : [97, 98]).Distinct().Order()),
    };
}
